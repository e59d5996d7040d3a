// Method parameters as plain data for forms: a field description of every method's parameters (its
// descriptor's schema and docs) and of the shared sampling parameters, so a UI can render and validate
// a form without importing zod itself. Parameters the paper leaves open are marked unverified.
import type { z } from 'zod';
import { SamplingParams } from '../sampling';
import type { ParamDoc } from './descriptor';
import { UNVERIFIED_NOTE } from './descriptor';
import type { MethodName } from './registry';
import { descriptorOf } from './registry';

interface FieldBase {
  key: string;
  label: string;
  help: string;
  unverified: boolean;
}

export type ParamField =
  | (FieldBase & { kind: 'number'; integer: boolean; min: number | null; max: number | null; exclusiveMin: boolean; defaultValue: number | null })
  | (FieldBase & { kind: 'boolean'; defaultValue: boolean })
  | (FieldBase & { kind: 'enum'; options: string[]; defaultValue: string })
  | (FieldBase & { kind: 'numberList'; integer: boolean; defaultValue: number[] })
  | (FieldBase & { kind: 'stringList'; defaultValue: string[] })
  | (FieldBase & { kind: 'expertList'; defaultValue: { layer: number; expert: number }[] })
  | (FieldBase & { kind: 'tree'; presets: string[]; defaultValue: string | number[][] })
  | (FieldBase & { kind: 'json'; defaultValue: unknown });

export type ParamFieldKind = ParamField['kind'];

/** Docs of the decoding parameters every method shares. */
export const samplingParamDocs: Record<keyof SamplingParams, ParamDoc> = {
  temperature: { label: 'Temperature', help: '0 is greedy (argmax); above 0 samples from the softened distribution.' },
  topK: { label: 'Top-k', help: 'Sample among the k most likely tokens (0 disables).' },
  topP: { label: 'Top-p', help: 'Nucleus sampling: the smallest set of tokens whose probability reaches p (1 disables).' },
  seed: { label: 'Seed', help: 'Same seed, same tokens.' },
  maxNewTokens: { label: 'Max new tokens', help: "Generation stops here (and always before the model's context is full)." },
  stop: { label: 'Stop strings', help: "Extra strings that end generation, comma separated (\\n for a newline). The model's end-of-turn token always does." },
  ignoreEos: { label: 'Ignore end of turn', help: 'Keep generating past the end-of-turn token (fixed-length benchmarks, long runs).' },
  topLogprobs: { label: 'Top alternatives', help: 'Alternatives recorded per token (shown on hover, kept in the trace).' },
};

type AnySchema = z.ZodType & { def: { type: string; [k: string]: unknown } };

interface Unwrapped {
  schema: AnySchema;
  defaultValue: unknown;
  optional: boolean;
}

function unwrap(schema: AnySchema): Unwrapped {
  let s = schema;
  let defaultValue: unknown = undefined;
  let optional = false;
  for (;;) {
    if (s.def.type === 'default') {
      if (defaultValue === undefined) defaultValue = s.def.defaultValue;
      s = s.def.innerType as AnySchema;
    } else if (s.def.type === 'optional') {
      optional = true;
      s = s.def.innerType as AnySchema;
    } else return { schema: s, defaultValue, optional };
  }
}

/** Bounds past 2^53 are zod's defaults for `.int()`, not real limits. */
function realBound(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value) || Math.abs(value) >= Number.MAX_SAFE_INTEGER) return null;
  return value;
}

function humanize(key: string): string {
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function describe(key: string, raw: AnySchema, doc: ParamDoc | undefined): ParamField {
  const { schema, defaultValue } = unwrap(raw);
  const base: FieldBase = {
    key,
    label: doc?.label ?? humanize(key),
    help: doc ? (doc.unverified ? `${doc.help} ${UNVERIFIED_NOTE}` : doc.help) : '',
    unverified: doc?.unverified ?? false,
  };
  const type = schema.def.type;
  if (type === 'number') {
    const n = schema as unknown as z.ZodNumber;
    const exclusiveMin = (schema.def.checks as { _zod: { def: { check: string; inclusive?: boolean } } }[] | undefined)?.some(
      (c) => c._zod.def.check === 'greater_than' && c._zod.def.inclusive === false,
    ) ?? false;
    return { ...base, kind: 'number', integer: n.isInt, min: realBound(n.minValue), max: realBound(n.maxValue), exclusiveMin, defaultValue: typeof defaultValue === 'number' ? defaultValue : null };
  }
  if (type === 'boolean') return { ...base, kind: 'boolean', defaultValue: defaultValue === true };
  if (type === 'enum') {
    const options = (schema as unknown as z.ZodEnum).options.map(String);
    return { ...base, kind: 'enum', options, defaultValue: typeof defaultValue === 'string' ? defaultValue : options[0]! };
  }
  if (type === 'array') {
    const element = unwrap(schema.def.element as AnySchema).schema;
    if (element.def.type === 'number') {
      return { ...base, kind: 'numberList', integer: (element as unknown as z.ZodNumber).isInt, defaultValue: (defaultValue as number[] | undefined) ?? [] };
    }
    if (element.def.type === 'string') return { ...base, kind: 'stringList', defaultValue: (defaultValue as string[] | undefined) ?? [] };
    if (element.def.type === 'object' && 'layer' in (element as unknown as z.ZodObject).shape && 'expert' in (element as unknown as z.ZodObject).shape) {
      return { ...base, kind: 'expertList', defaultValue: (defaultValue as { layer: number; expert: number }[] | undefined) ?? [] };
    }
  }
  if (type === 'union') {
    const options = schema.def.options as AnySchema[];
    const named = options.map((o) => unwrap(o).schema).find((o) => o.def.type === 'enum');
    const hasPaths = options.some((o) => unwrap(o).schema.def.type === 'array');
    if (named && hasPaths) {
      return { ...base, kind: 'tree', presets: (named as unknown as z.ZodEnum).options.map(String), defaultValue: defaultValue as string | number[][] };
    }
  }
  return { ...base, kind: 'json', defaultValue };
}

function paramShape(method: MethodName): Record<string, z.ZodType> {
  return (descriptorOf(method).params as z.ZodObject).shape as Record<string, z.ZodType>;
}

/** The form fields of a method's own parameters (not its models, not sampling), in schema order. */
export function methodParamFields(method: MethodName): ParamField[] {
  const docs = descriptorOf(method).docs as Record<string, ParamDoc | undefined>;
  return Object.entries(paramShape(method)).map(([key, schema]) => describe(key, schema as AnySchema, docs[key]));
}

/** The form fields of the shared sampling parameters. */
export function samplingParamFields(): ParamField[] {
  return Object.entries(SamplingParams.shape).map(([key, schema]) => describe(key, schema as unknown as AnySchema, samplingParamDocs[key as keyof SamplingParams]));
}

/** Checks one parameter value against its schema; returns a message, or null when valid. */
export function validateParam(method: MethodName | 'sampling', key: string, value: unknown): string | null {
  const shape = method === 'sampling' ? (SamplingParams.shape as Record<string, z.ZodType>) : paramShape(method);
  const schema = shape[key];
  if (!schema) return `unknown parameter ${key}`;
  const parsed = schema.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'invalid value');
}
