// Method configurations: one zod schema per inference method, a discriminated union over them, and a
// catalog with what each method needs and records (drives the UI's forms and the engine's up-front
// capability checks). Defaults follow ../shared/reference/methods.md; unverified ones say so.
import { z } from 'zod';
import { ModelRef } from './models';
import { SamplingParams } from './sampling';

export const Autoregressive = z.object({
  method: z.literal('autoregressive'),
  model: ModelRef,
  sampling: SamplingParams.default(SamplingParams.parse({})),
});

export const ChainSpeculative = z.object({
  method: z.literal('chain_sd'),
  target: ModelRef,
  draft: ModelRef,
  /** Draft tokens per round (Leviathan et al.'s gamma). */
  gamma: z.number().int().min(1).max(32).default(4),
  /** Adapt gamma per round: +2 when every draft token was accepted, -1 otherwise (HF's heuristic). */
  adaptiveGamma: z.boolean().default(false),
  sampling: SamplingParams.default(SamplingParams.parse({})),
});

/** A static draft tree as a list of paths of candidate indices, e.g. [[0],[1],[0,0]]. */
export const TreeTemplate = z.array(z.array(z.number().int().min(0)).min(1)).min(1).max(512);

export const TokenRecycling = z.object({
  method: z.literal('token_recycling'),
  target: ModelRef,
  /** Candidates kept per vocabulary row. */
  k: z.number().int().min(1).max(32).default(8),
  /**
   * Named template ('tr-80' is the paper's 80-node "2.2.2" tree) or explicit paths. The default is
   * for the default provider, the CPU, where tr-20 is fastest (BENCHMARKS.md); see defaultRecyclingTree.
   */
  tree: z.union([z.enum(['tr-80', 'tr-40', 'tr-20', 'chain-8']), TreeTemplate]).default('tr-20'),
  /**
   * Reset the adjacency matrix for each prompt (cold start, the default: results do not depend on
   * what ran before); false keeps it across prompts (hot start).
   */
  resetPerPrompt: z.boolean().default(true),
  sampling: SamplingParams.default(SamplingParams.parse({})),
});

/** Token Recycling's tree where none is chosen: tr-20 on the CPU (fastest there), the paper's tr-80 on a GPU. */
export function defaultRecyclingTree(provider: 'cpu' | 'webgpu'): 'tr-20' | 'tr-80' {
  return provider === 'cpu' ? 'tr-20' : 'tr-80';
}

export const RecursiveSpeculative = z.object({
  method: z.literal('rsd'),
  target: ModelRef,
  draft: ModelRef,
  /** Children drawn without replacement per level (RSD-C); the tree has prod(branching) leaves. */
  branching: z.array(z.number().int().min(1).max(8)).min(1).max(8).default([3, 2, 2, 1]),
  sampling: SamplingParams.default(SamplingParams.parse({})),
});

export const DynamicExitLayer = z.object({
  method: z.literal('del'),
  target: ModelRef,
  /** Longest speculation per round. */
  maxDraftLength: z.number().int().min(1).max(16).default(6),
  /** Decay of the per-layer acceptance estimates (unverified in the paper: a tunable). */
  acceptanceDecay: z.number().min(0).max(1).default(0.9),
  /** Stop drafting early when the exit head's top probability falls below this (0 disables). */
  confidenceStop: z.number().min(0).max(1).default(0),
  sampling: SamplingParams.default(SamplingParams.parse({})),
});

export const EntropyAdaptive = z.object({
  method: z.literal('ead'),
  small: ModelRef,
  large: ModelRef,
  /**
   * Threshold on the rolling mean entropy (nats) above which the large model generates. The paper
   * sweeps it; the default suits the embedded models, whose draft is very confident (useful range
   * about 0.002-0.03 nats); models trained on open text sit near 0.5-2 nats.
   */
  tau: z.number().default(0.01),
  /** Rolling window (tokens); the paper does not state it. */
  window: z.number().int().min(1).max(256).default(8),
  /** Minimum tokens the large model keeps control once switched in (0: none); unverified in the paper. */
  minDwell: z.number().int().min(0).max(256).default(0),
  /**
   * Whose next-token entropy feeds the rolling mean: the model generating the token (the natural
   * reading) or always the small one (it then runs on every token); unverified in the paper.
   */
  entropySource: z.enum(['generating', 'small']).default('generating'),
  sampling: SamplingParams.default(SamplingParams.parse({})),
});

export const SpecReason = z.object({
  method: z.literal('specreason'),
  small: ModelRef,
  large: ModelRef,
  /** Accept the small model's step when its score is at or above this (paper code default 7). */
  threshold: z.number().min(0).max(10).default(7),
  scoreMethod: z.enum(['greedy', 'average']).default('greedy'),
  /** The first n steps are written by the large model. */
  firstNLarge: z.number().int().min(0).default(0),
  tokenBudget: z.number().int().min(1).default(1024),
  stepTokenCap: z.number().int().min(1).default(128),
  repetitionGuard: z.boolean().default(true),
  stopOnAnswer: z.boolean().default(true),
  /**
   * The closing step (`</think>` and the answer line): judged like any step (the paper's code),
   * written by the large model without a judgement, or taken from the small model unjudged.
   */
  closingStep: z.enum(['judge', 'large', 'small']).default('large'),
  /** Large-model steps use chain speculative decoding with the small model (SpecReason+Decode). */
  largeUsesSpeculation: z.boolean().default(false),
  gamma: z.number().int().min(1).max(16).default(4),
  sampling: SamplingParams.default(SamplingParams.parse({})),
});

export const ExpertId = z.object({ layer: z.number().int().min(0), expert: z.number().int().min(0) });
export type ExpertId = z.infer<typeof ExpertId>;

export const Rice = z.object({
  method: z.literal('rice'),
  model: ModelRef,
  /** Experts to reinforce; empty means "the top experts of the model's latest calibration". */
  experts: z.array(ExpertId).default([]),
  /** The top experts of the model's latest calibration (nPMI table), filled in by the host; used when `experts` is empty. */
  calibratedExperts: z.array(ExpertId).optional(),
  topExperts: z.number().int().min(1).max(16).default(2),
  /** Reinforcement strength (the paper is cited with 64; unverified). */
  beta: z.number().positive().default(64),
  /**
   * logit: log(beta) added to the router logit before top-k (may pull the expert into the top-k; renormalised).
   * gate: the selected expert's gate weight times beta, selection unchanged, not renormalised.
   * gate_renorm: as gate, then the top-k weights renormalised to sum to one.
   */
  form: z.enum(['logit', 'gate', 'gate_renorm']).default('logit'),
  sampling: SamplingParams.default(SamplingParams.parse({})),
});

export const MethodConfig = z.discriminatedUnion('method', [
  Autoregressive,
  ChainSpeculative,
  TokenRecycling,
  RecursiveSpeculative,
  DynamicExitLayer,
  EntropyAdaptive,
  SpecReason,
  Rice,
]);
export type MethodConfig = z.infer<typeof MethodConfig>;
export type MethodName = MethodConfig['method'];
export type MethodConfigOf<M extends MethodName> = Extract<MethodConfig, { method: M }>;

export interface MethodDescription {
  label: string;
  summary: string;
  /** Output equals the baseline (token for token greedy, in distribution when sampling). */
  lossless: boolean;
  /** Config keys that hold ModelRefs, in display order. */
  modelRoles: string[];
  source: string;
}

export const methodCatalog: Record<MethodName, MethodDescription> = {
  autoregressive: {
    label: 'Autoregressive',
    summary: 'One token per forward pass: the baseline every method is compared with.',
    lossless: true,
    modelRoles: ['model'],
    source: '',
  },
  chain_sd: {
    label: 'Speculative sampling (chain)',
    summary: 'A draft model proposes gamma tokens; the target verifies them in one pass and accepts with min(1, p/q).',
    lossless: true,
    modelRoles: ['target', 'draft'],
    source: 'Leviathan et al. 2023 (arXiv 2211.17192); Chen et al. 2023 (arXiv 2302.01318)',
  },
  token_recycling: {
    label: 'Token Recycling',
    summary: 'Candidate tokens recycled from earlier target outputs fill a static tree verified in one pass.',
    lossless: true,
    modelRoles: ['target'],
    source: 'Luo et al., ACL 2025 (arXiv 2408.08696)',
  },
  rsd: {
    label: 'Recursive speculative decoding',
    summary: 'A draft tree sampled without replacement (Gumbel-top-k), verified by recursive rejection sampling.',
    lossless: true,
    modelRoles: ['target', 'draft'],
    source: 'Jeon et al., ICML 2024 (arXiv 2402.14160)',
  },
  del: {
    label: 'Dynamic exit layer (DEL)',
    summary: "Self-speculation with the target's early exits; each round picks exit layer and length by tokens per layer.",
    lossless: true,
    modelRoles: ['target'],
    source: 'Entezari Zarch et al. 2025 (arXiv 2504.05598)',
  },
  ead: {
    label: 'Entropy-adaptive decoding',
    summary: 'The small model generates until its rolling entropy exceeds tau; then the large model takes over.',
    lossless: false,
    modelRoles: ['small', 'large'],
    source: 'Simonds 2025 (arXiv 2502.06833)',
  },
  specreason: {
    label: 'SpecReason',
    summary: 'The small model drafts each reasoning step; the large model scores it 0-9 and rewrites rejected steps.',
    lossless: false,
    modelRoles: ['small', 'large'],
    source: 'Pan et al. 2025 (arXiv 2504.07891)',
  },
  rice: {
    label: 'RICE expert steering',
    summary: 'Reinforce the MoE experts most associated with thinking markers (by nPMI) during routing.',
    lossless: false,
    modelRoles: ['model'],
    source: 'Wang et al. 2025 (arXiv 2505.14681)',
  },
};

/** The model references of a config, keyed by role (target, draft, small, large, model). */
export function modelRefsOf(config: MethodConfig): Record<string, ModelRef> {
  const out: Record<string, ModelRef> = {};
  for (const role of methodCatalog[config.method].modelRoles) {
    out[role] = (config as unknown as Record<string, ModelRef>)[role]!;
  }
  return out;
}

/** The model that plays the part of "the target" whose distribution a run reports on. */
export function primaryModelOf(config: MethodConfig): ModelRef {
  const refs = modelRefsOf(config);
  return refs.target ?? refs.large ?? refs.model!;
}
