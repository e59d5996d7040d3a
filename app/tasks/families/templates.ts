// Sentence templates with named slots ({Name}, {n}, ...): filling them to write questions, and turning
// them into anchored regular expressions so that a family's solver parses exactly what it writes.

// Templates split once into literal text (even indices) and slot names (odd indices): filling them is
// on the hot path of suite generation.
const MAX_CACHED_TEMPLATES = 1000;
const compiledTemplates = new Map<string, readonly string[]>();

function compile(template: string): readonly string[] {
  let parts = compiledTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    if (compiledTemplates.size < MAX_CACHED_TEMPLATES) compiledTemplates.set(template, parts);
  }
  return parts;
}

/** Fills every `{slot}` of `template` from `values`; a slot without a value is an error. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  const parts = compile(template);
  let text = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const value = values[parts[i]];
    if (value === undefined) throw new Error(`template slot {${parts[i]}} has no value in "${template}"`);
    text += String(value) + parts[i + 1];
  }
  return text;
}

/**
 * An anchored regex for `template`: literal text is escaped, each slot becomes the pattern given for
 * it in `slotPatterns` (wrap a slot's pattern in a group to capture it).
 */
export function templatePattern(template: string, slotPatterns: Readonly<Record<string, string>>): RegExp {
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const slot = /^\{(\w+)\}$/.exec(part);
      if (!slot) return escapeRegExp(part);
      const pattern = slotPatterns[slot[1]];
      if (pattern === undefined) throw new Error(`template slot ${part} has no pattern in "${template}"`);
      return pattern;
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/** `text` with every regex metacharacter escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits a question into its sentences (each ends with `.` or `?`), trimmed. */
export function splitSentences(text: string): string[] {
  return (text.match(/[^.?]+[.?]/g) ?? []).map((s) => s.trim());
}
