// `workbench datasets list | generate | import`: the synthetic suite and dataset files.
import path from 'node:path';
import { GenerateDatasetRequest, ImportDatasetRequest, taskFamilies } from '@app/datasets';
import type { GradingSpec, TaskFamily } from '@app/datasets';
import type { Host } from '../host/host';
import type { ParsedArgs } from './args';
import { intList, num, str } from './args';
import { markdownTable } from './output';

export async function datasetsCommand(host: Host, args: ParsedArgs): Promise<number> {
  const sub = args.positionals[1] ?? 'list';
  if (sub === 'generate') {
    const ds = await host.handlers['datasets.generate'](
      GenerateDatasetRequest.parse({
        name: str(args, 'name'),
        families: (str(args, 'families')?.split(',') as TaskFamily[] | undefined) ?? [...taskFamilies],
        difficulties: intList(str(args, 'difficulties') ?? '1-4'),
        countPerCell: num(args, 'per-cell', 10),
        seed: num(args, 'seed', 0),
        split: str(args, 'split') ?? 'test',
      }),
    );
    console.log(`${ds.id}\t${ds.name}\t${ds.itemCount} items`);
    return 0;
  }
  if (sub === 'import') {
    const file = args.positionals[2] ?? str(args, 'file');
    if (!file) throw new Error(`usage: workbench datasets import FILE [--format gsm8k|jsonl|csv] [--name N] [--question F --answer F --id F --metadata F,F] [--grading ${GRADING_FLAG}]`);
    const format = str(args, 'format') ?? (file.endsWith('.csv') ? 'csv' : /gsm8k/i.test(file) ? 'gsm8k' : 'jsonl');
    const mapping = str(args, 'question') ? { question: str(args, 'question'), answer: str(args, 'answer') ?? 'answer', id: str(args, 'id'), metadata: str(args, 'metadata')?.split(',') ?? [] } : undefined;
    const result = await host.handlers['datasets.import'](ImportDatasetRequest.parse({ name: str(args, 'name') ?? path.basename(file), format, path: path.resolve(file), mapping, grading: gradingFromFlag(str(args, 'grading')) }));
    console.log(`${result.dataset.id}\t${result.dataset.name}\t${result.imported} items imported`);
    for (const e of result.errors) console.error(`line ${e.line}: ${e.message}`);
    return result.errors.length > 0 ? 2 : 0;
  }
  if (sub === 'list') {
    const list = await host.handlers['datasets.list']({});
    console.log(markdownTable(['id', 'name', 'source', 'items', 'version', 'created'], list.map((d) => [d.id, d.name, d.source, d.itemCount, d.version.slice(0, 12), d.createdAt.slice(0, 19)])));
    return 0;
  }
  throw new Error(`unknown datasets command "${sub}" (list, generate, import)`);
}

const GRADING_FLAG = 'numeric[:TOLERANCE]|exact[:case]|regex:PATTERN';

/** `--grading numeric:0.01`, `exact`, `exact:case` or `regex:^{answer}$`; absent: the import's default. */
function gradingFromFlag(flag: string | undefined): GradingSpec | undefined {
  if (flag === undefined) return undefined;
  const colon = flag.indexOf(':');
  const kind = colon < 0 ? flag : flag.slice(0, colon);
  const arg = colon < 0 ? undefined : flag.slice(colon + 1);
  if (kind === 'numeric') return { kind, tolerance: arg === undefined ? 1e-6 : Number(arg) };
  if (kind === 'exact') return { kind, caseSensitive: arg === 'case' };
  if (kind === 'regex' && arg) return { kind, pattern: arg };
  throw new Error(`--grading takes ${GRADING_FLAG}, got "${flag}"`);
}
