// `workbench eval`: accuracy of a method config on the synthetic suite per family and difficulty,
// measured by the workbench's own engine and grader (the numbers in native-models/README.md).
// Every item is a recorded run, tagged `eval`, so the traces can be inspected afterwards.
import fs from 'node:fs';
import { GenerateDatasetRequest, taskFamilies } from '@app/datasets';
import type { TaskFamily } from '@app/datasets';
import { RunRequest } from '@app/runs';
import type { Host } from '../host/host';
import type { ParsedArgs } from './args';
import { intList, num, str } from './args';
import { methodConfigFromArgs } from './method-config';
import { fmt, markdownTable, progress } from './output';

export async function evalCommand(host: Host, args: ParsedArgs): Promise<number> {
  const families = (str(args, 'families')?.split(',') as TaskFamily[] | undefined) ?? [...taskFamilies];
  const difficulties = intList(str(args, 'difficulties') ?? '1-8');
  const config = methodConfigFromArgs(args);
  const dataset = await host.handlers['datasets.generate'](
    GenerateDatasetRequest.parse({ families, difficulties, countPerCell: num(args, 'per-cell', 20), seed: num(args, 'seed', 4), split: 'test' }),
  );
  const { items } = await host.handlers['datasets.items']({ id: dataset.id, limit: 10_000, offset: 0 });
  const cells = new Map<string, { correct: number; total: number; tokens: number }>();
  const started = Date.now();
  let done = 0;
  for (const item of items) {
    const runId = host.runs.start(RunRequest.parse({ prompt: { kind: 'text', text: item.question }, config, datasetItemId: item.id, tags: ['eval'] }));
    const record = await host.runs.finished(runId);
    const key = `${item.metadata.family}|${item.metadata.difficulty}`;
    const c = cells.get(key) ?? { correct: 0, total: 0, tokens: 0 };
    c.total++;
    if (record.correct) c.correct++;
    c.tokens += record.metrics?.newTokens ?? 0;
    cells.set(key, c);
    progress(`eval ${config.method}`, ++done, items.length, started);
  }
  const header = ['family', ...difficulties.map((d) => `d${d}`), 'all'];
  const rows = families.map((f) => {
    const per = difficulties.map((d) => cells.get(`${f}|${d}`));
    const all = per.reduce((a, c) => ({ correct: a.correct + (c?.correct ?? 0), total: a.total + (c?.total ?? 0) }), { correct: 0, total: 0 });
    return [f, ...per.map((c) => (c ? fmt((100 * c.correct) / c.total, 0) : '-')), fmt((100 * all.correct) / Math.max(1, all.total), 1)];
  });
  console.log(`Accuracy (%) of ${config.method} on dataset ${dataset.id} (${items.length} held-out items, greedy unless set):`);
  console.log(markdownTable(header, rows));
  const json = str(args, 'json');
  if (json) fs.writeFileSync(json, JSON.stringify({ datasetId: dataset.id, config, cells: Object.fromEntries(cells) }, null, 1));
  return 0;
}
