// What a method descriptor says about one inference method: who wrote it, whether it is lossless,
// its parameters (a zod schema with defaults, plus a label and help per parameter), the models it
// takes by role (which takes the big and which the small model, and what each must be able to do),
// presets, the trace panels that show it, and the metric columns it reports. Everything else that
// knows about methods (the engine's capability check, the Playground, the experiment builder, the
// CLI, the run view) derives from these.
import type { z } from 'zod';
import type { ModelCapabilities } from '../models';
import type { RunMetrics } from '../run-metrics';

/** Suffix for parameters whose value the paper does not pin down. */
export const UNVERIFIED_NOTE = '(unverified in the paper: a tunable)';

/** A parameter's label and help text in forms. */
export interface ParamDoc {
  label: string;
  help: string;
  /** The paper does not state this detail; the default is ours. */
  unverified?: boolean;
}

/** What a model must be able to do in a role (discovered from its session, see ModelCapabilities). */
export type Capability = 'kvCache' | 'attentionBias' | 'exitGraphs' | 'routerLogits' | 'routerBias' | 'judge';

/** Why a model without the capability cannot take the role: short (beside a disabled choice) and in full (the engine's refusal). */
export const missingCapability: Record<Capability, { short: string; full: string }> = {
  kvCache: { short: 'no KV cache', full: 'has no KV cache (past_key_values inputs) to roll back rejected drafts' },
  attentionBias: { short: 'no attention_bias input', full: 'has no attention_bias input (tree attention)' },
  exitGraphs: { short: 'no early-exit graphs', full: 'has no early-exit graphs (exit_<l>.onnx files listed under exitGraphs in workbench.json)' },
  routerLogits: { short: 'not an MoE with router_logits', full: 'is not an MoE with a router_logits output' },
  routerBias: { short: 'no router_bias input', full: 'has no router_bias input to steer the routing' },
  judge: { short: 'not trained as a step judge', full: 'was not trained as a step judge (workbench.json roles lack "judge")' },
};

/** Whether a model's capabilities include one. */
export function hasCapability(caps: ModelCapabilities, need: Capability): boolean {
  return need === 'exitGraphs' ? caps.exitGraphs.length > 0 : caps[need];
}

/** One model role of a method. */
export interface RoleSpec {
  /** big: the model whose output counts (target, large); small: the cheap helper (draft, small). */
  size: 'big' | 'small';
  /** Capabilities the engine refuses to run without. */
  needs: readonly Capability[];
  /** The architecture that suits the role best (RICE steers an MoE). */
  prefers?: 'moe' | 'dense';
}

/** The trace panels of a run view ('search': particle filtering and A*-decoding's search view). */
export type Panel = 'speculative' | 'ead' | 'specreason' | 'routing' | 'samples' | 'search';

export type MethodFamily = 'baseline' | 'speculative' | 'reasoning' | 'steering';

/** A named set of parameter values offered as a starting point. */
export interface MethodPreset<P> {
  label: string;
  params: Partial<P>;
}

/** Everything the workbench knows about one method. */
export interface MethodDescriptor<Id extends string = string, P extends z.ZodObject = z.ZodObject, R extends string = string> {
  id: Id;
  label: string;
  /** One sentence on what it does. */
  summary: string;
  family: MethodFamily;
  paper: { title: string; url: string } | null;
  /** Output equals the baseline (token for token greedy, in distribution when sampling). */
  lossless: boolean;
  /** The method's own parameters, every one with a default. */
  params: P;
  /** Label and help per parameter key (unknown keys get a humanized label). */
  docs: { readonly [K in keyof z.infer<P>]?: ParamDoc };
  /** Model roles in display order; the first is the one whose tokenizer renders the prompt. */
  roles: { readonly [K in R]: RoleSpec };
  /** The role whose distribution the run reports on (target / large / the only model). */
  primaryRole: NoInfer<R>;
  presets: readonly MethodPreset<z.infer<P>>[];
  panels: readonly Panel[];
  /** Method metrics the run view and the comparison show, beside the core speed figures. */
  metrics: readonly (keyof RunMetrics)[];
}

/** A descriptor whatever its id, parameters and roles. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMethodDescriptor = MethodDescriptor<string, any, string>;

/** Declares a descriptor, keeping its literal id, parameter schema and role names in the type. */
export function defineMethod<const Id extends string, P extends z.ZodObject, const R extends string>(d: MethodDescriptor<Id, P, R>): MethodDescriptor<Id, P, R> {
  return d;
}
