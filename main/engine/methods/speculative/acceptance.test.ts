// The draft side, guarded: every drafter's mean acceptance length on fixed prompts and seeds, as
// recorded on the embedded models. Verification keeps the output right whatever a drafter proposes,
// so a drafter that proposes worse (a draft cache rolled back one token too far, a matrix row
// written to the wrong token, an n-gram matched one place off) passes every identity and
// distribution test; only its acceptance drops. An off-by-one planted in chain's draft-cache
// rollback (truncating to one token short) took chain gamma 4 here from 4.80 to 1.91 and failed the
// three chain cases; an n-gram continuation read one token late failed prompt lookup. Recorded values
// hold to 0.05 (greedy outputs are fixed; the margin absorbs a near-tie flipping on other CPUs).
import { beforeAll, describe, expect, it } from 'vitest';
import type { MethodConfig } from '@app/methods';
import { parseMethodConfig } from '@app/methods';
import { generateSuite } from '@app/tasks/suite';
import { renderPrompt } from '../../engine';
import { LoadedModel } from '../../runtime/loaded-model';
import { EMBEDDED_MODELS } from '../../in-process';
import type { MethodImplementation } from '../context';
import { chainSpeculative } from './chain';
import { dynamicExitLayer } from './del';
import { promptLookup } from './prompt-lookup';
import { rsd } from './rsd';
import { runDirect } from './test-support';
import { tokenRecycling } from './token-recycling';

const problems = generateSuite({ families: ['arithmetic', 'variables', 'swaps'], difficulties: [3, 5], countPerCell: 1, seed: 17, split: 'test' }).slice(0, 4);
const target = { model: 'base' };
const draftRef = { model: 'draft' };
const greedy = { temperature: 0, maxNewTokens: 96, topLogprobs: 0 };
const sampled = { temperature: 1, topK: 8, maxNewTokens: 96, topLogprobs: 0, seed: 7 };

interface Case {
  label: string;
  impl: MethodImplementation<MethodConfig>;
  config: MethodConfig;
  /** Mean acceptance length over the prompts (1 + accepted / rounds, all runs pooled), as recorded. */
  recorded: number;
}

const cases: Case[] = [
  { label: 'chain, gamma 4', impl: chainSpeculative as MethodImplementation<MethodConfig>, config: parseMethodConfig({ method: 'chain_sd', models: { target, draft: draftRef }, params: { gamma: 4 }, sampling: greedy }), recorded: 4.8 },
  { label: 'chain, adaptive gamma', impl: chainSpeculative as MethodImplementation<MethodConfig>, config: parseMethodConfig({ method: 'chain_sd', models: { target, draft: draftRef }, params: { adaptiveGamma: true }, sampling: greedy }), recorded: 8.3462 },
  { label: 'chain, gamma 4, sampled (seed 7)', impl: chainSpeculative as MethodImplementation<MethodConfig>, config: parseMethodConfig({ method: 'chain_sd', models: { target, draft: draftRef }, params: { gamma: 4 }, sampling: sampled }), recorded: 4.7778 },
  { label: 'RSD [3,2,2,1]', impl: rsd as MethodImplementation<MethodConfig>, config: parseMethodConfig({ method: 'rsd', models: { target, draft: draftRef }, sampling: greedy }), recorded: 4.8 },
  { label: 'RSD [2,2,1], sampled (seed 7)', impl: rsd as MethodImplementation<MethodConfig>, config: parseMethodConfig({ method: 'rsd', models: { target, draft: draftRef }, params: { branching: [2, 2, 1] }, sampling: sampled }), recorded: 3.9273 },
  { label: 'Token Recycling, tr-20, reset per prompt', impl: tokenRecycling as MethodImplementation<MethodConfig>, config: parseMethodConfig({ method: 'token_recycling', models: { target }, params: { tree: 'tr-20', resetPerPrompt: true }, sampling: greedy }), recorded: 2.3736 },
  { label: 'DEL (no draft exiting)', impl: dynamicExitLayer as MethodImplementation<MethodConfig>, config: parseMethodConfig({ method: 'del', models: { target }, params: { draftExit: 'off' }, sampling: greedy }), recorded: 4.6458 },
  { label: 'prompt lookup', impl: promptLookup as MethodImplementation<MethodConfig>, config: parseMethodConfig({ method: 'prompt_lookup', models: { target }, sampling: greedy }), recorded: 1.3742 },
];

describe('acceptance length of every drafter on fixed prompts and seeds', () => {
  let models: Record<string, LoadedModel>;
  let prompts: number[][];

  beforeAll(async () => {
    const base = await LoadedModel.load(EMBEDDED_MODELS.base!, 'cpu', 'base');
    const draft = await LoadedModel.load(EMBEDDED_MODELS.draft!, 'cpu', 'draft');
    models = { target: base, draft };
    prompts = problems.map((p) => base.tokenizer.encode(renderPrompt(base, { kind: 'text', text: p.question })));
  });

  it.each(cases.map((c) => [c.label, c] as const))('%s keeps its recorded mean acceptance length', async (_label, c) => {
    let rounds = 0;
    let accepted = 0;
    for (const ids of prompts) {
      const needed = Object.fromEntries(Object.entries(models).filter(([role]) => role in c.config.models));
      const r = await runDirect(c.impl, c.config, needed, ids);
      rounds += r.metrics.rounds!;
      accepted += r.metrics.acceptedTokens!;
    }
    const mal = 1 + accepted / rounds;
    expect(Math.abs(mal - c.recorded), `${c.label}: ${mal.toFixed(3)} against ${c.recorded}`).toBeLessThanOrEqual(0.05);
  });
});
