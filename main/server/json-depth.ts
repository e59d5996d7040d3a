// A linear scan of JSON text for its nesting depth, before it is parsed: a deeply nested body would
// otherwise be parsed and then overflow the stack of whatever walks it (validation, storage).

/** True when `text` nests arrays/objects deeper than `max` (strings and escapes are skipped). */
export function jsonDepthOver(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}
