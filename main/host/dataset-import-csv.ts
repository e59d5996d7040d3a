// CSV reading for dataset imports: RFC 4180 records (quoted fields with doubled quotes and line
// breaks, CRLF or LF line ends), a header row naming the columns, and the line each record starts on
// so that import errors point at the right line.

export type CsvRecord = { line: number; fields: Record<string, string> } | { line: number; error: string };

/** Splits CSV text into raw rows of fields, each with the line it starts on; an unclosed quote ends the text with an error. */
function* rawRows(text: string): Generator<{ line: number; cells: string[] } | { line: number; error: string }> {
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let atRowEnd = false;
    while (!atRowEnd) {
      if (text[i] === '"') {
        // A quoted field: runs to the next quote not doubled; may span lines.
        i++;
        let closed = false;
        while (i < n) {
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === '\n') line++;
          cell += ch;
          i++;
        }
        if (!closed) {
          yield { line: start, error: `unterminated quoted field (the quote opened on line ${start} is never closed)` };
          return;
        }
        // Text between a closing quote and the next separator is kept, as most readers do.
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      }
      cells.push(cell);
      cell = '';
      if (i >= n) atRowEnd = true;
      else if (text[i] === ',') i++;
      else {
        if (text[i] === '\r') i++;
        if (text[i] === '\n') i++;
        line++;
        atRowEnd = true;
      }
    }
    yield { line: start, cells };
  }
}

/**
 * The records of a CSV text (a leading BOM is ignored): the first non-empty row is the header, every
 * later row a record keyed by column name. Blank rows are skipped; a row with a different number of
 * fields than the header is an error for its line; an unclosed quote ends the file with an error.
 * Throws on a missing or duplicated header.
 */
export function* csvRecords(text: string): Generator<CsvRecord> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let header: string[] | null = null;
  for (const row of rawRows(body)) {
    if ('error' in row) {
      yield row;
      return;
    }
    if (row.cells.length === 1 && row.cells[0]!.trim() === '') continue;
    if (!header) {
      header = row.cells.map((c) => c.trim());
      const seen = new Set<string>();
      for (const name of header) {
        if (name === '') throw new Error(`the header on line ${row.line} has an empty column name`);
        if (seen.has(name)) throw new Error(`the header on line ${row.line} names column "${name}" twice`);
        seen.add(name);
      }
      continue;
    }
    if (row.cells.length !== header.length) {
      yield { line: row.line, error: `expected ${header.length} fields (as in the header), found ${row.cells.length}` };
      continue;
    }
    yield { line: row.line, fields: Object.fromEntries(header.map((name, k) => [name, row.cells[k]!])) };
  }
  if (!header) throw new Error('the file has no header row');
}
