// Exports: which runs, which format. JSONL (one run per line, nested events), CSV (flat runs),
// Parquet (runs, events, tokens tables), Spec-Bench JSONL (new_tokens, wall_time, accept_lengths).
import { z } from 'zod';

export const ExportFormat = z.enum(['jsonl', 'csv', 'parquet', 'specbench']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportRequest = z.object({
  target: z.union([
    z.object({ runIds: z.array(z.string()).min(1).max(100_000) }),
    z.object({ experimentId: z.string() }),
  ]),
  format: ExportFormat,
  /** Absolute output path (CLI, Electron save dialog). Absent: the host keeps the file for download. */
  path: z.string().optional(),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

/** The extension a file of each export format must end in. */
export const exportExtensions: Record<ExportFormat, string> = { jsonl: '.jsonl', csv: '.csv', parquet: '.parquet', specbench: '.jsonl' };

/**
 * The file name an export of `target` goes by: `runs-3.csv`, `experiment-exp_1.specbench.jsonl`;
 * `stamp` (the host's, for files it keeps) goes before the extension: `runs-3-1764115200000.csv`.
 */
export function exportFileName(target: ExportRequest['target'], format: ExportFormat, stamp?: string): string {
  // An epoch-milliseconds stamp (what the host passes) reads as a UTC date and time instead.
  if (stamp && /^\d{12,}$/.test(stamp)) stamp = exportStamp(new Date(Number(stamp)));
  const base = 'runIds' in target ? `runs-${target.runIds.length}` : `experiment-${target.experimentId}`;
  const kind = format === 'specbench' ? '.specbench' : '';
  return `${base}${stamp ? `-${stamp}` : ''}${kind}${exportExtensions[format]}`;
}

/** A file-name-safe UTC date and time: 2026-12-05_001400Z. */
export function exportStamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)}_${iso.slice(11, 19).replaceAll(':', '')}Z`;
}

export const ExportResult = z.object({
  /** Files written: one for JSONL, CSV and Spec-Bench; three for Parquet (runs, events, tokens). */
  files: z.array(z.object({ name: z.string(), path: z.string(), bytes: z.number().int(), rows: z.number().int() })),
  /** For browser mode: a one-time id to fetch each file from /api/download/:id. */
  downloads: z.array(z.object({ name: z.string(), id: z.string() })),
  runs: z.number().int(),
});
export type ExportResult = z.infer<typeof ExportResult>;
