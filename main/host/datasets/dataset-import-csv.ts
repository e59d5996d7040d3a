// CSV reading for dataset imports, by csv-parse: RFC 4180 records (quoted fields with doubled quotes
// and line breaks, CRLF or LF line ends, a leading BOM), a header row naming the columns, and the line
// each record starts on so that import errors point at the right line. A quote that is never closed,
// or closed in the middle of a field, is an error for the file (never two rows merged into one).
import { parse } from 'csv-parse/sync';

export type CsvRecord = { line: number; fields: Record<string, string> } | { line: number; error: string };

interface Parsed {
  record: string[];
  /** `bytes`: UTF-8 bytes of the input consumed up to the end of this record (BOM included). */
  info: { bytes: number };
}

/**
 * The records of a CSV text: the first non-empty row is the header, every later row a record keyed by
 * column name. Blank rows are skipped; a row with a different number of fields than the header is an
 * error for its line. Throws on a missing or duplicated header and on a malformed quote (naming the
 * line, never the file's content).
 */
export function* csvRecords(text: string): Generator<CsvRecord> {
  let rows: Parsed[];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, record_delimiter: ['\r\n', '\n'] }) as unknown as Parsed[];
  } catch (err) {
    const e = err as { code?: string; lines?: number };
    const what = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is never closed' : e.code === 'CSV_INVALID_CLOSING_QUOTE' ? 'a quote closes in the middle of a field' : `the file is not valid CSV (${e.code ?? 'unknown error'})`;
    throw new Error(`${what}, at line ${e.lines ?? "?"}: nothing was imported`, { cause: err });
  }
  // A record's first line: count line feeds up to where the previous record ended, then past blank lines.
  const bytes = Buffer.from(text, 'utf8');
  let header: string[] | null = null;
  let offset = 0;
  let line = 1;
  for (const row of rows) {
    while (offset < bytes.length && (bytes[offset] === 0x0a || bytes[offset] === 0x0d || bytes[offset] === 0xef || bytes[offset] === 0xbb || bytes[offset] === 0xbf)) {
      if (bytes[offset] === 0x0a) line++;
      offset++;
    }
    const start = line;
    for (; offset < row.info.bytes; offset++) if (bytes[offset] === 0x0a) line++;
    if (row.record.length === 1 && row.record[0]!.trim() === '') continue;
    if (!header) {
      header = row.record.map((c) => c.trim());
      const seen = new Set<string>();
      for (const name of header) {
        if (name === '') throw new Error(`the header on line ${start} has an empty column name`);
        if (seen.has(name)) throw new Error(`the header on line ${start} names column "${name}" twice`);
        seen.add(name);
      }
      continue;
    }
    if (row.record.length !== header.length) {
      yield { line: start, error: `expected ${header.length} fields (as in the header), found ${row.record.length}` };
      continue;
    }
    yield { line: start, fields: Object.fromEntries(header.map((name, k) => [name, row.record[k]!])) };
  }
  if (!header) throw new Error('the file has no header row');
}
