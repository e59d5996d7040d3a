// CSV export: the flat runs table (flat-run.ts), one row per run, RFC 4180 (comma separated, CRLF
// line ends, fields with commas, quotes or line breaks quoted, quotes doubled), UTF-8 without BOM.
import type BetterSqlite3 from 'better-sqlite3';
import type { FlatColumn } from './flat-run';
import { flatRunColumns } from './flat-run';
import type { ExportTarget } from './selection';
import { runPages } from './selection';
import { withTextSink } from './sink';

/** Quotes a field when RFC 4180 requires it. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A cell's text: empty for null, JSON for structured values, true/false, numbers as JavaScript prints them. */
function cell(column: FlatColumn, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (column.type === 'json') return csvField(JSON.stringify(value));
  return csvField(String(value));
}

/** Writes the runs of `target` to `file` as CSV. Returns the number of data rows (the header excluded). */
export async function writeCsv(db: BetterSqlite3.Database, target: ExportTarget, file: string): Promise<{ rows: number; bytes: number }> {
  const { result, bytes } = await withTextSink(file, async (sink) => {
    await sink.write(flatRunColumns.map((c) => csvField(c.name)).join(',') + '\r\n');
    let rows = 0;
    for await (const page of runPages(db, target)) {
      let text = '';
      for (const run of page) text += flatRunColumns.map((c) => cell(c, c.value(run))).join(',') + '\r\n';
      rows += page.length;
      await sink.write(text);
    }
    return rows;
  });
  return { rows: result, bytes };
}
