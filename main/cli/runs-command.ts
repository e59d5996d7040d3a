// `workbench runs`: the recorded runs, newest first, filterable like the GUI's Runs list.
import type { RunStatus } from '@app/runs';
import { listRuns } from '../store';
import type { Host } from '../host/host';
import type { ParsedArgs } from './args';
import { num, str } from './args';
import { fmt, markdownTable } from './output';

export async function runsCommand(host: Host, args: ParsedArgs): Promise<number> {
  const list = (name: string) => str(args, name)?.split(',').filter(Boolean);
  const { runs, total } = listRuns(host.db, {
    search: str(args, 'search'),
    methods: list('method'),
    models: list('model'),
    statuses: list('status') as RunStatus[] | undefined,
    experimentId: str(args, 'experiment'),
    limit: num(args, 'limit', 20),
    offset: num(args, 'offset', 0),
  });
  console.log(
    markdownTable(
      ['id', 'created', 'status', 'method', 'models', 'tokens', 'decode tok/s', 'correct', 'prompt'],
      runs.map((r) => [r.id, r.createdAt.slice(0, 19), r.status, r.method, r.models.join('+'), r.metrics?.newTokens ?? '-', fmt(r.metrics?.decodeTokensPerS, 0), r.correct === null ? '-' : r.correct ? 'yes' : 'no', r.promptPreview.slice(0, 50)]),
    ),
  );
  console.error(`${runs.length} of ${total} runs`);
  return 0;
}
