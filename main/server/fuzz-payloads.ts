// Test support for the fault suite: request payloads generated from an API method's input schema
// (zod -> JSON Schema), each a plausible value with one part pushed to an extreme or broken: empty
// and enormous strings, NUL bytes and traversal paths, numbers at and past their bounds, huge and
// empty arrays, wrong types, deep nesting, unknown keys. Deterministic for a seed.
import { z } from 'zod';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: Schema | boolean;
  default?: unknown;
};

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTREME_STRINGS = ['', ' ', '\0', '../../../../etc/passwd', '/etc/passwd', 'a'.repeat(300_000), '\u{1F600}'.repeat(1000), '%00%2e%2e', '\uFFFF\uD800', 'null', '{"a":'];
const EXTREME_NUMBERS = [0, -1, 1e308, -1e308, 2 ** 53, 0.5, -0.0, 1e-320, 2 ** 31, 2 ** 31 - 1];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** A value the schema accepts, as small as it allows (the base that mutations start from). */
function plausible(s: Schema, r: () => number, depth = 0): unknown {
  if (depth > 12) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return pick(r, s.enum);
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return plausible(pick(r, alt), r, depth + 1);
  if (s.allOf?.[0]) return plausible(s.allOf[0], r, depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) if (s.required?.includes(k) || r() < 0.5) out[k] = plausible(v, r, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(s.minItems ?? 0, r() < 0.5 ? 1 : 0) }, () => plausible(s.items ?? {}, r, depth + 1));
    case 'string':
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return r() < 0.5;
    case 'null':
      return null;
    default:
      return 'x';
  }
}

/** The same schema's value with one extreme or broken part. */
function extreme(s: Schema, r: () => number, depth = 0): unknown {
  if (depth > 12) return null;
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return extreme(pick(r, alt), r, depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  const roll = r();
  if (roll < 0.08) return pick(r, [null, true, 'str', 42, [], {}]); // wrong type
  switch (type) {
    case 'object': {
      const out = plausible(s, r, depth) as Record<string, unknown>;
      const keys = Object.keys(s.properties ?? {});
      if (keys.length > 0) {
        const k = pick(r, keys);
        out[k] = extreme(s.properties![k]!, r, depth + 1);
      }
      if (r() < 0.1) out['__proto__'] = { polluted: true };
      if (r() < 0.1) out[`unknown_${Math.floor(r() * 100)}`] = 'x';
      return out;
    }
    case 'array': {
      const n = pick(r, [0, (s.maxItems ?? 8) + 1, Math.min(2000, (s.maxItems ?? 64) * 4)]);
      return Array.from({ length: n }, () => (r() < 0.8 ? plausible(s.items ?? {}, r, depth + 1) : extreme(s.items ?? {}, r, depth + 1)));
    }
    case 'string':
      if (s.enum) return pick(r, ['', 'not-an-option', s.enum[0]]);
      return pick(r, [...EXTREME_STRINGS, 'x'.repeat(Math.min(400_000, (s.maxLength ?? 10) + 1))]);
    case 'integer':
    case 'number':
      return pick(r, [...EXTREME_NUMBERS, (s.maximum ?? 1e9) + 1, (s.minimum ?? 0) - 1, s.maximum ?? 1e12, 1.5]);
    default:
      return pick(r, [null, '', 0, {}]);
  }
}

/** JSON text nested `depth` levels (built as text: stringifying it would overflow the test's own stack). */
function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '"leaf"' + '}'.repeat(depth);
}

/** `count` payloads for a schema (first a plausible one, then extremes, a deep nest and raw text). */
export function fuzzPayloads(input: z.ZodType, count: number, seed: number): { body: string; note: string }[] {
  const schema = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as Schema;
  const r = rng(seed);
  const out: { body: string; note: string }[] = [{ body: JSON.stringify(plausible(schema, r)), note: 'plausible' }];
  out.push({ body: `{"metadata":${nested(5000)}}`, note: 'deep nesting' });
  out.push({ body: '{"unterminated": ', note: 'broken JSON' });
  out.push({ body: 'null', note: 'null' });
  while (out.length < count) out.push({ body: JSON.stringify(extreme(schema, r)), note: 'extreme' });
  return out.slice(0, count);
}
