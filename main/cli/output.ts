// Terminal output helpers: Markdown tables (readable in a terminal, pasteable into notes) and a
// one-line progress bar on stderr.

/** A Markdown table from a header row and data rows. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}

/** Redraws a progress line on stderr: `label [#####.....] 12/40  ETA 31s`. */
export function progress(label: string, done: number, total: number, startedMs: number): void {
  if (!process.stderr.isTTY && done !== total && done % Math.max(1, Math.floor(total / 10)) !== 0) return;
  const width = 24;
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  const elapsed = (Date.now() - startedMs) / 1000;
  const eta = done > 0 ? Math.round((elapsed / done) * (total - done)) : null;
  const text = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${eta !== null ? `  ETA ${eta}s` : ''}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${text}${done === total ? '\n' : ''}`);
  else process.stderr.write(`${text}\n`);
}

export function fmt(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits);
}
