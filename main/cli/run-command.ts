// `workbench run`: one prompt through a model and method, tokens streamed to stdout as they arrive,
// the run recorded in the store like any GUI run; statistics on stderr at the end.
import fs from 'node:fs';
import type { ApiEventPayload } from '@app/api';
import type { Prompt } from '@app/runs';
import { RunRequest } from '@app/runs';
import type { Host } from '../host/host';
import type { ParsedArgs } from './args';
import { str } from './args';
import { methodConfigFromArgs } from './method-config';
import { fmt } from './output';

export async function runCommand(host: Host, args: ParsedArgs): Promise<number> {
  const promptFile = str(args, 'prompt-file');
  const text = promptFile ? fs.readFileSync(promptFile, 'utf8') : (str(args, 'prompt') ?? args.positionals.slice(1).join(' '));
  if (!text) throw new Error('give a prompt: workbench run --prompt "..." (or --prompt-file FILE)');
  const prompt: Prompt = args.flags.has('raw') ? { kind: 'raw', text } : { kind: 'text', text };
  const request = RunRequest.parse({ prompt, config: methodConfigFromArgs(args), tags: ['cli'] });
  const runId = host.runs.start(request);
  const unsubscribe = host.hub.subscribe((event, payload) => {
    if (event !== 'run.events') return;
    const p = payload as ApiEventPayload<'run.events'>;
    if (p.runId !== runId) return;
    for (const e of p.events) if (e.kind === 'token') process.stdout.write(e.text);
  });
  const record = await host.runs.finished(runId);
  host.hub.flush();
  unsubscribe();
  process.stdout.write('\n');
  const m = record.metrics;
  if (record.error) process.stderr.write(`error [${record.error.code}]: ${record.error.message}\n`);
  if (m) {
    process.stderr.write(
      `run ${runId} ${record.status}: ${m.newTokens} tokens, TTFT ${fmt(m.ttftMs)} ms, prefill ${fmt(m.prefillTokensPerS, 0)} tok/s, decode ${fmt(m.decodeTokensPerS, 0)} tok/s` +
        (m.meanAcceptanceLength !== undefined ? `, mean acceptance length ${fmt(m.meanAcceptanceLength, 2)}` : '') +
        (m.largeShare !== undefined ? `, large-model share ${fmt(m.largeShare * 100, 0)}%` : '') +
        '\n',
    );
  }
  return record.status === 'completed' ? 0 : 1;
}
