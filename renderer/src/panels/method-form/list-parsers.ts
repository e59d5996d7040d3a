// Parsers and formatters for the list-shaped parameters typed as text in the Playground form.

/** "3, 2, 2, 1" -> [3, 2, 2, 1] */
export function parseNumberList(text: string, integer: boolean): number[] {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  return parts.map((p) => {
    const n = Number(p);
    if (!Number.isFinite(n)) throw new Error(`"${p}" is not a number`);
    if (integer && !Number.isInteger(n)) throw new Error(`"${p}" is not a whole number`);
    return n;
  });
}

/** [3, 2, 2, 1] -> "3, 2, 2, 1" */
export function formatNumberList(values: readonly number[]): string {
  return values.join(', ');
}

/** Comma-separated strings; "\n" and "\t" are written as escapes, "\," is a literal comma. */
export function parseStringList(text: string): string[] {
  if (text.trim() === '') return [];
  return text
    .split(/(?<!\\),/)
    .map((p) => p.trim().replace(/\\,/g, ',').replace(/\\n/g, '\n').replace(/\\t/g, '\t'))
    .filter((p) => p !== '');
}

/** The inverse of parseStringList. */
export function formatStringList(values: readonly string[]): string {
  return values.map((v) => v.replace(/,/g, '\\,').replace(/\n/g, '\\n').replace(/\t/g, '\\t')).join(', ');
}

/** "0:3, 1:5" -> [{layer: 0, expert: 3}, {layer: 1, expert: 5}] */
export function parseExpertList(text: string): { layer: number; expert: number }[] {
  if (text.trim() === '') return [];
  return text.split(',').map((p) => {
    const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(p);
    if (!m) throw new Error(`"${p.trim()}" is not layer:expert`);
    return { layer: Number(m[1]), expert: Number(m[2]) };
  });
}

/** [{layer: 0, expert: 3}] -> "0:3" */
export function formatExpertList(values: readonly { layer: number; expert: number }[]): string {
  return values.map((e) => `${e.layer}:${e.expert}`).join(', ');
}

/** A tree template as JSON paths, e.g. [[0],[1],[0,0]]. */
export function parseTreePaths(text: string): number[][] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('not valid JSON: write paths like [[0],[1],[0,0]]');
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((p) => Array.isArray(p) && p.length > 0 && p.every((i) => Number.isInteger(i) && i >= 0))) {
    throw new Error('a tree is a non-empty list of non-empty paths of indices ≥ 0');
  }
  return value as number[][];
}
