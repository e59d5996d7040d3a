// Field names of a dataset file, read from its first record (a JSONL object's keys, nested ones as
// dotted paths; a CSV header row), so the import form can offer them in the field mapping.

/** Splits one CSV header line, honouring quotes (a header with a line break inside a quote is not expected). */
function csvHeader(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  out.push(cell.trim());
  return out.filter((c) => c !== '');
}

function keysOf(value: Record<string, unknown>, prefix = '', depth = 0): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) && depth < 2 ? [`${prefix}${k}`, ...keysOf(v as Record<string, unknown>, `${prefix}${k}.`, depth + 1)] : [`${prefix}${k}`],
  );
}

/** The field names of the first record; empty when the text has none or it does not parse. */
export function sniffFields(text: string, format: 'jsonl' | 'csv' | 'gsm8k'): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.split(/\r?\n/).find((l) => l.trim() !== '');
  if (!first) return [];
  if (format === 'csv') return csvHeader(first);
  try {
    const value: unknown = JSON.parse(first);
    return value && typeof value === 'object' && !Array.isArray(value) ? keysOf(value as Record<string, unknown>) : [];
  } catch {
    return [];
  }
}

/** The likeliest field for a role among `fields` (e.g. "question" for the question: question, prompt, input, problem). */
export function guessField(fields: readonly string[], role: 'question' | 'answer' | 'id'): string | undefined {
  const names = { question: ['question', 'prompt', 'input', 'problem', 'query', 'text'], answer: ['answer', 'target', 'output', 'label', 'solution', 'expected'], id: ['id', 'uid', 'idx', 'key'] }[role];
  const lower = fields.map((f) => f.toLowerCase());
  for (const n of names) {
    const at = lower.indexOf(n);
    if (at >= 0) return fields[at];
  }
  return undefined;
}
