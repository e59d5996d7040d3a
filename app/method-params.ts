// Method parameters as plain data for forms: a label and help text per parameter (marking the
// details a paper leaves open as unverified tunables), and a field description of every method's
// and the sampling parameters derived from the zod schemas in methods.ts and sampling.ts, so a UI
// can render and validate a form without importing zod itself.
import type { z } from 'zod';
import type { MethodConfig, MethodName } from './methods';
import { MethodConfig as MethodConfigSchema, methodCatalog } from './methods';
import type { ModelRef } from './models';
import { SamplingParams } from './sampling';

/** Suffix for parameters whose value the paper does not pin down. */
export const UNVERIFIED_NOTE = '(unverified in the paper: a tunable)';

export interface ParamDoc {
  label: string;
  help: string;
  /** The paper does not state this detail; the default is ours. */
  unverified?: boolean;
}

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

/** Per-method parameter docs; keys are the config keys of app/methods.ts. */
export const methodParamDocs: Record<MethodName, Record<string, ParamDoc>> = {
  autoregressive: {},
  chain_sd: {
    gamma: { label: 'Draft length (gamma)', help: 'Tokens the draft model proposes per round before the target verifies them in one pass.' },
    adaptiveGamma: { label: 'Adaptive gamma', help: "Per round: +2 when every draft token was accepted, -1 otherwise (Hugging Face's heuristic)." },
  },
  token_recycling: {
    k: { label: 'Candidates per row (k)', help: 'Top-k candidate tokens kept per vocabulary row of the adjacency matrix.' },
    tree: { label: 'Draft tree', help: "Named template ('tr-80' is the paper's 80-node tree, sized for GPUs; on a CPU the verify pass grows with the tree and 'tr-20' measured fastest) or explicit paths of candidate indices as JSON, e.g. [[0],[1],[0,0]]." },
    resetPerPrompt: { label: 'Reset matrix per prompt', help: 'Cold start: clear the adjacency matrix for each prompt. Off keeps it across prompts (hot start).' },
  },
  rsd: {
    branching: { label: 'Branching per level', help: 'Children drawn without replacement at each tree level (RSD-C); the tree has prod(branching) leaves. Comma list, e.g. 3, 2, 2, 1.' },
  },
  del: {
    maxDraftLength: { label: 'Max draft length', help: 'Longest speculation per round.' },
    acceptanceDecay: { label: 'Acceptance decay', help: 'Decay of the per-layer acceptance estimates that choose the exit layer.', unverified: true },
    draftExit: { label: 'Draft exiting', help: "adaptive: stop drafting when the exit head's top probability falls below a threshold that rises when recent drafts matched poorly and falls when they matched well (the paper's dynamic draft exiting, after Draft & Verify: start 0.5, target match 0.9); fixed: below Confidence stop; off: always draft the chosen length." },
    confidenceStop: { label: 'Confidence stop', help: "The fixed draft-exit threshold (Draft exiting: fixed).", unverified: true },
  },
  ead: {
    tau: { label: 'Entropy threshold (tau)', help: "The large model generates while the rolling mean entropy is above this, in the entropy unit (bits by default, the paper's log2). The paper sweeps it; for the embedded models useful values are about 0.003-0.045 bits (their draft is very confident); open-text LLMs sit near 0.7-3 bits.", unverified: true },
    entropyUnit: { label: 'Entropy unit', help: "Unit of tau: bits (the paper's H = -sum p log2 p) or nats (natural log). Traces and charts show entropy in nats." },
    window: { label: 'Rolling window (tokens)', help: 'Tokens averaged in the rolling entropy.', unverified: true },
    minDwell: { label: 'Minimum dwell (d_min)', help: "Tokens the generating model writes before any switch (the paper's c >= d_min; 0: none). The rule is the paper's, the default value is ours.", unverified: true },
    dwellFor: { label: 'Dwell applies to', help: "both: the paper's rule (either model keeps control for d_min tokens); large: only the large model is held (an earlier reading, kept as an option)." },
    entropySource: { label: 'Entropy source', help: "Whose next-token entropy feeds the rolling mean: the generating model, or always the small one (it then runs on every token).", unverified: true },
  },
  specreason: {
    threshold: { label: 'Accept threshold (0-9)', help: "Accept the small model's step when the judge's score is at or above this (paper code default 7)." },
    scoreMethod: { label: 'Score method', help: "greedy: the judge's most likely digit; average: the expected digit under its distribution." },
    firstNLarge: { label: 'First n steps by large', help: 'The first n reasoning steps are written by the large model.' },
    tokenBudget: { label: 'Token budget', help: 'Total tokens of reasoning before the run stops.' },
    stepTokenCap: { label: 'Step token cap', help: 'Longest step the small model may draft.' },
    repetitionGuard: { label: 'Repetition guard', help: 'Stop when the last two steps are identical (the paper code\'s guard).' },
    stopOnAnswer: { label: 'Stop on answer', help: 'End the run once an answer line is written.' },
    closingStep: { label: 'Closing step', help: 'The </think> + answer step: judge it like any step (the paper\'s code), let the large model write it unjudged, or take the small model\'s unjudged. Our judge was not trained on closing steps and scores them low.' },
    judgeDelimiter: { label: 'Judge sees delimiter', help: "keep: the judged reasoning ends with the step delimiter, as the official code's (steps joined by it, one appended); strip: without it, as the embedded judge was trained." },
    largeUsesSpeculation: { label: 'Speculative large steps', help: 'Large-model steps use chain speculative decoding with the small model as draft (SpecReason+Decode).' },
    gamma: { label: 'Draft length (gamma)', help: 'Draft tokens per round inside large-model steps, when those use speculation.' },
  },
  rice: {
    experts: { label: 'Experts to reinforce', help: "layer:expert pairs, comma separated (e.g. 0:3, 1:5). Empty: the top experts of the model's latest nPMI calibration." },
    topExperts: { label: 'Top experts', help: 'How many of the calibrated experts to reinforce when the list is empty.' },
    beta: { label: 'Strength (beta)', help: 'Reinforcement strength (the paper is cited with 64).', unverified: true },
    form: {
      label: 'Steering form',
      help: "gate (default, the paper's form: the chosen experts' routing weights raised): the gate weight times beta, selection unchanged; gate_renorm: as gate, then renormalised; logit: log(beta) added to the router logit before top-k, which changes which experts are selected (at beta 64 they are always routed to).",
      unverified: true,
    },
  },
};

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

/** Config keys that are not parameters a user sets (roles, sampling, host-filled values). */
const NON_PARAM_KEYS = new Set(['method', 'sampling', 'calibratedExperts']);

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

const methodSchemas = new Map<string, z.ZodObject>(
  MethodConfigSchema.options.map((o) => [String((o.shape.method as unknown as z.ZodLiteral).value), o as unknown as z.ZodObject]),
);

/** The zod schema of one method's config. */
export function methodSchemaOf(method: MethodName): z.ZodObject {
  const schema = methodSchemas.get(method);
  if (!schema) throw new Error(`unknown method ${method}`);
  return schema;
}

/** The form fields of a method's own parameters (not its models, not sampling), in schema order. */
export function methodParamFields(method: MethodName): ParamField[] {
  const roles = new Set(methodCatalog[method].modelRoles);
  const docs = methodParamDocs[method] ?? {};
  return Object.entries(methodSchemaOf(method).shape)
    .filter(([key]) => !NON_PARAM_KEYS.has(key) && !roles.has(key))
    .map(([key, schema]) => describe(key, schema as AnySchema, docs[key]));
}

/** The form fields of the shared sampling parameters. */
export function samplingParamFields(): ParamField[] {
  return Object.entries(SamplingParams.shape).map(([key, schema]) => describe(key, schema as unknown as AnySchema, samplingParamDocs[key as keyof SamplingParams]));
}

/** Checks one parameter value against its schema; returns a message, or null when valid. */
export function validateParam(method: MethodName | 'sampling', key: string, value: unknown): string | null {
  const shape = method === 'sampling' ? SamplingParams.shape : methodSchemaOf(method).shape;
  const schema = (shape as Record<string, z.ZodType>)[key];
  if (!schema) return `unknown parameter ${key}`;
  const parsed = schema.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'invalid value');
}

/** A complete config with every default filled in, for the given models by role. */
export function defaultMethodConfig(method: MethodName, models: Record<string, ModelRef>): MethodConfig {
  return MethodConfigSchema.parse({ method, ...models });
}

/** Checks a whole config; returns the issues as "path: message" lines (empty when valid). */
export function configIssues(config: unknown): string[] {
  const parsed = MethodConfigSchema.safeParse(config);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`);
}
