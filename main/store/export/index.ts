// Exports: runs picked by id or a whole experiment, written as JSONL, CSV, Parquet (three tables) or
// Spec-Bench JSONL, streamed page by page and written atomically to a validated path.
// SCHEMAS.md documents every format.
import type BetterSqlite3 from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExportFormat, ExportResult } from '@app/exports';
import { validateExportPath, writeAllAtomically, writeAtomically } from './atomic';
import { writeCsv } from './csv';
import { writeJsonl } from './jsonl';
import { writeParquet } from './parquet';
import type { ExportTarget } from './selection';
import { countTarget } from './selection';
import { writeSpecBench } from './specbench';

export type { ExportTarget } from './selection';

/** The three files of a Parquet export at `file` (`out.parquet` -> `out.runs.parquet`, `out.events.parquet`, `out.tokens.parquet`). */
export function parquetPaths(file: string): { runs: string; events: string; tokens: string } {
  const base = file.replace(/\.parquet$/i, '').replace(/\.(runs|events|tokens)$/i, '');
  return { runs: `${base}.runs.parquet`, events: `${base}.events.parquet`, tokens: `${base}.tokens.parquet` };
}

type FileResult = ExportResult['files'][number];

async function fileResult(file: string, rows: number): Promise<FileResult> {
  return { name: path.basename(file), path: file, bytes: (await stat(file)).size, rows };
}

/**
 * Exports the runs of `target` to `outPath` in `format`. The path is validated first (`path_invalid`),
 * then the target (`not_found`); files appear only once complete. Parquet writes three files beside
 * `outPath` (see parquetPaths). `runs` counts the runs selected; each file's `rows` counts what it holds
 * (Spec-Bench keeps completed runs only). `downloads` is always empty: the host adds those.
 */
export async function exportRuns(db: BetterSqlite3.Database, target: ExportTarget, format: ExportFormat, outPath: string): Promise<ExportResult> {
  const file = validateExportPath(outPath, format);
  const runs = countTarget(db, target);
  if (format === 'parquet') {
    const paths = parquetPaths(file);
    for (const p of Object.values(paths)) validateExportPath(p, 'parquet');
    let rows = { runs: 0, events: 0, tokens: 0 };
    await writeAllAtomically([paths.runs, paths.events, paths.tokens], async ([runsTmp, eventsTmp, tokensTmp]) => {
      rows = await writeParquet(db, target, { runs: runsTmp!, events: eventsTmp!, tokens: tokensTmp! });
    });
    return {
      files: [await fileResult(paths.runs, rows.runs), await fileResult(paths.events, rows.events), await fileResult(paths.tokens, rows.tokens)],
      downloads: [],
      runs,
    };
  }
  const writer = { jsonl: writeJsonl, csv: writeCsv, specbench: writeSpecBench }[format];
  let rows = 0;
  await writeAtomically(file, async (tmp) => {
    rows = (await writer(db, target, tmp)).rows;
  });
  return { files: [await fileResult(file, rows)], downloads: [], runs };
}
