// Answer extraction and grading of model output against a reference answer: the `Answer:` line,
// \boxed{}, GSM8K's `####`, or a last-number / last-line fallback; numeric, exact and regex modes.
// Every function here is total: malformed, empty or huge output gives null or false, never a throw.
import type { GradingSpec } from '../datasets';
import { escapeRegExp } from './families/templates';
import { THINK_END, THINK_START } from './problem';

const ANSWER_MARKER = /answer\s*:/gi;
const BOXED_OPEN = '\\boxed{';
const GSM8K_MARKER = '####';
// A number as written in text: optional sign and currency, thousands separators, decimals.
// (Kept free of backtracking so that scanning huge output stays linear.)
const NUMBER_IN_TEXT = /[-−]?\$?\d+(?:,\d{3})*(?:\.\d+)?/g;
const NUMBER_ALONE = /^([-−+]?)\$?([-−+]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)%?$/;
// A character after which a minus is subtraction rather than a sign.
const OPERAND_END = /[\p{L}\p{N})\]]/u;
const QUOTED = /^(["'`“‘])(.*)(["'`”’])$/s;
const FRACTION_ALONE = /^([-−+]?)(\d+)\s*\/\s*(\d+)$/;
const DEFAULT_TOLERANCE = 1e-6;
const RELATIVE_TOLERANCE = 1e-9;

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

/**
 * Trims an extracted answer: whitespace, markdown emphasis (`**Answer:** **14**`), a whole-answer
 * \boxed{}, a trailing period.
 */
function cleanAnswer(text: string): string {
  let answer = trimChars(text, ' \t*');
  if (answer.startsWith(BOXED_OPEN)) {
    const boxed = boxedContent(answer, 0);
    if (boxed !== null && answer.length === BOXED_OPEN.length + boxed.length + 1) answer = boxed.trim();
  }
  return stripTrailingPeriods(answer).trim();
}

// Loops rather than regexes such as /\.+$/, whose backtracking is quadratic on long runs.
function trimChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start])) start++;
  while (end > start && chars.includes(text[end - 1])) end--;
  return text.slice(start, end).trim();
}

function stripTrailingPeriods(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '.') end--;
  return text.slice(0, end);
}

/** The text after the last `Answer:` marker of the last line that has one (or the next non-empty line). */
function fromAnswerLine(all: readonly string[]): string | null {
  for (let i = all.length - 1; i >= 0; i--) {
    const markers = [...all[i].matchAll(ANSWER_MARKER)];
    const last = markers[markers.length - 1];
    if (!last) continue;
    let text = cleanAnswer(all[i].slice(last.index + last[0].length));
    // "Answer:" alone on its line, with the answer below it.
    for (let j = i + 1; text === '' && j < all.length; j++) text = cleanAnswer(all[j]);
    return text === '' ? null : text;
  }
  return null;
}

/** The content of the `\boxed{...}` that starts at `start`, braces balanced; null when unclosed. */
function boxedContent(text: string, start: number): string | null {
  let depth = 1;
  for (let i = start + BOXED_OPEN.length; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start + BOXED_OPEN.length, i);
  }
  return null;
}

// Unclosed boxes are skipped, but only this many, so that adversarial output cannot make the scan quadratic.
const MAX_BOXES_TRIED = 50;

function fromLastBoxed(text: string): string | null {
  let start = text.lastIndexOf(BOXED_OPEN);
  for (let tried = 0; start >= 0 && tried < MAX_BOXES_TRIED; tried++) {
    const content = boxedContent(text, start);
    if (content !== null && content.trim() !== '') return cleanAnswer(content);
    if (start === 0) break;
    start = text.lastIndexOf(BOXED_OPEN, start - 1);
  }
  return null;
}

function fromGsm8kMarker(all: readonly string[]): string | null {
  for (let i = all.length - 1; i >= 0; i--) {
    const at = all[i].lastIndexOf(GSM8K_MARKER);
    if (at < 0) continue;
    const text = cleanAnswer(all[i].slice(at + GSM8K_MARKER.length));
    if (text !== '') return text;
  }
  return null;
}

/** The last number written in `text`, as written (sign, `$`, commas kept); null when there is none. */
function lastNumber(text: string): string | null {
  let last: string | null = null;
  for (const m of text.matchAll(NUMBER_IN_TEXT)) {
    let token = m[0];
    // A minus right after a digit, letter or bracket is subtraction ("17-3"), not a sign.
    if ((token[0] === '-' || token[0] === '−') && m.index > 0 && OPERAND_END.test(text[m.index - 1])) {
      token = token.slice(1);
    }
    last = token;
  }
  return last;
}

/** The answer marked explicitly: an `Answer:` line, else the last `\boxed{}`, else the last `####`. */
function extractMarkedAnswer(output: string): string | null {
  const all = lines(output);
  return fromAnswerLine(all) ?? fromLastBoxed(output) ?? fromGsm8kMarker(all);
}

/**
 * The answer in a model's output: the text after `Answer:` on the last line that has it (trimmed,
 * trailing period removed), else the last `\boxed{...}`, else the last `#### X`; failing those, the
 * last number of the text (numeric) or its last non-empty line (exact). For numeric answers an
 * explicit answer that is not a bare number ("14 apples") is narrowed to its last number. Null when
 * nothing is found; never throws.
 */
export function extractAnswer(output: string, kind: 'numeric' | 'exact'): string | null {
  try {
    if (typeof output !== 'string') return null;
    const marked = extractMarkedAnswer(output);
    if (kind === 'numeric') {
      if (marked !== null) return parseNumber(marked) !== null ? marked : (lastNumber(marked) ?? marked);
      return lastNumber(output);
    }
    if (marked !== null) return marked;
    const all = lines(output);
    for (let i = all.length - 1; i >= 0; i--) {
      const line = cleanAnswer(all[i]);
      if (line !== '' && line !== THINK_END && line !== THINK_START) return line;
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * The value of a number written alone: `1,234`, `$5`, `-3.5`, `72.`, `50%` (as 50), `3/4` (as 0.75).
 * Surrounding whitespace and a trailing period are ignored. Null when `s` is not a number.
 */
export function parseNumber(s: string): number | null {
  if (typeof s !== 'string' || s.length > 1000) return null;
  const trimmed = s.trim();
  const text = (trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed).trim();
  const fraction = FRACTION_ALONE.exec(text);
  if (fraction) {
    const denominator = Number(fraction[3]);
    if (denominator === 0) return null;
    return signOf(fraction[1]) * (Number(fraction[2]) / denominator);
  }
  const m = NUMBER_ALONE.exec(text);
  if (!m || (m[1] !== '' && m[2] !== '')) return null;
  const value = Number(m[3].replace(/,/g, ''));
  return Number.isFinite(value) ? signOf(m[1] || m[2]) * value : null;
}

function signOf(sign: string): number {
  return sign === '-' || sign === '−' ? -1 : 1;
}

/** The canonical text of a number: no sign of +0, no commas, no trailing zeros ("1,450,000" -> "1450000"). */
function formatNumber(value: number): string {
  return String(Object.is(value, -0) ? 0 : value);
}

/** Strips what does not change an exact answer: whitespace, surrounding quotes, a trailing period. */
function normalizeExact(text: string, caseSensitive: boolean): string {
  let t = text.trim();
  // A few rounds cover `"red."` and `'"red"'`; a bound keeps adversarial nesting linear.
  for (let round = 0; round < 4; round++) {
    const before = t;
    t = stripTrailingPeriods(t).trim();
    const quoted = QUOTED.exec(t);
    if (quoted) t = quoted[2].trim();
    if (t === before) break;
  }
  return caseSensitive ? t : t.toLowerCase();
}

/**
 * Grades a model output against the reference answer. numeric: both parse and differ by at most the
 * tolerance (absolute) or 1e-9 relative; exact: equal after trimming, dropping quotes and a trailing
 * period (case-insensitive unless caseSensitive); regex: the pattern, with `{answer}` replaced by the
 * escaped reference, matches the extracted answer (or the whole output when none is found). Never
 * throws: an invalid pattern grades as incorrect.
 */
export function gradeOutput(
  output: string,
  reference: string,
  spec: GradingSpec,
): { answer: string | null; correct: boolean } {
  try {
    switch (spec.kind) {
      case 'numeric': {
        const answer = extractAnswer(output, 'numeric');
        const got = answer === null ? null : parseNumber(answer);
        const want = parseNumber(reference);
        if (got === null || want === null) return { answer, correct: false };
        const tolerance = spec.tolerance ?? DEFAULT_TOLERANCE;
        const diff = Math.abs(got - want);
        return { answer, correct: diff <= tolerance || diff <= RELATIVE_TOLERANCE * Math.max(Math.abs(got), Math.abs(want)) };
      }
      case 'exact': {
        const answer = extractAnswer(output, 'exact');
        const caseSensitive = spec.caseSensitive ?? false;
        const correct = answer !== null && normalizeExact(answer, caseSensitive) === normalizeExact(reference, caseSensitive);
        return { answer, correct };
      }
      case 'regex': {
        const marked = typeof output === 'string' ? extractMarkedAnswer(output) : null;
        const pattern = new RegExp(spec.pattern.split('{answer}').join(escapeRegExp(reference)));
        const match = pattern.exec(marked ?? String(output));
        return { answer: marked ?? match?.[0] ?? null, correct: match !== null };
      }
      default:
        return { answer: null, correct: false };
    }
  } catch {
    return { answer: null, correct: false };
  }
}

/**
 * The final answer of a GSM8K `answer` field (the number after the last `####`), normalised: commas,
 * `$` and trailing zeros dropped (`#### 1,450,000` -> `1450000`). Null when there is no numeric answer.
 */
export function parseGsm8kAnswer(answerField: string): string | null {
  if (typeof answerField !== 'string') return null;
  const answer = fromGsm8kMarker(lines(answerField));
  const value = answer === null ? null : parseNumber(answer);
  return value === null ? null : formatNumber(value);
}
