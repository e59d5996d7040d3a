// `workbench export`: runs or an experiment to JSONL, CSV, Parquet or Spec-Bench JSONL.
import path from 'node:path';
import { ExportFormat } from '@app/exports';
import { exportRuns, listRuns } from '../store';
import type { Host } from '../host/host';
import type { ParsedArgs } from './args';
import { str } from './args';

export async function exportCommand(host: Host, args: ParsedArgs): Promise<number> {
  const format = ExportFormat.parse(str(args, 'format') ?? 'jsonl');
  const out = str(args, 'out');
  if (!out) throw new Error('give --out PATH (the file to write; Parquet writes PATH.runs/.events/.tokens.parquet)');
  const experiment = str(args, 'experiment');
  const ids = str(args, 'runs')?.split(',').filter(Boolean) ?? (experiment ? undefined : listRuns(host.db, { limit: 10_000 }).runs.map((r) => r.id));
  const target = experiment ? { experimentId: experiment } : { runIds: ids! };
  const result = await exportRuns(host.db, target, format, path.resolve(out));
  for (const f of result.files) console.log(`${f.path}\t${f.rows} rows\t${f.bytes} bytes`);
  return 0;
}
