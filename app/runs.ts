// Runs: one method config on one prompt (or dataset item). The request that starts one, the record
// the store keeps, the metrics computed when it ends, and the filters of the Runs list.
import { z } from 'zod';
import { ErrorPayload } from './errors';
import { MethodConfig } from './methods';

/** The largest prompt, in characters, of every kind (a chat counts all its messages). */
export const MAX_PROMPT_CHARS = 200_000;

export const ChatMessage = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const Prompt = z.union([
  z.object({ kind: z.literal('text'), text: z.string().min(1).max(MAX_PROMPT_CHARS) }),
  z.object({ kind: z.literal('chat'), messages: z.array(ChatMessage).min(1).max(200) }).refine((p) => p.messages.reduce((n, m) => n + m.content.length, 0) <= MAX_PROMPT_CHARS, {
    message: `the chat's messages hold more than ${MAX_PROMPT_CHARS} characters in all (the cap every prompt shares)`,
    path: ['messages'],
  }),
  /** Text fed to the model as is, without the chat template. */
  z.object({ kind: z.literal('raw'), text: z.string().min(1).max(MAX_PROMPT_CHARS) }),
]);
export type Prompt = z.infer<typeof Prompt>;

export const RunRequest = z.object({
  prompt: Prompt,
  config: MethodConfig,
  /** Optional links when the run belongs to a dataset item / experiment. */
  datasetItemId: z.string().optional(),
  experimentId: z.string().optional(),
  configLabel: z.string().optional(),
  sampleIndex: z.number().int().min(0).optional(),
  /** Free-form tags for searching. */
  tags: z.array(z.string()).default([]),
});
export type RunRequest = z.infer<typeof RunRequest>;

export const runStatuses = ['queued', 'running', 'completed', 'cancelled', 'failed', 'interrupted'] as const;
export const RunStatus = z.enum(runStatuses);
export type RunStatus = z.infer<typeof RunStatus>;

/** Metrics with the field's names (vLLM / Spec-Bench); only those a method produces are present. */
export const RunMetrics = z.object({
  promptTokens: z.number().int().min(0),
  newTokens: z.number().int().min(0),
  /** Time to first token: run start to the first generated token (ms). */
  ttftMs: z.number().nullable(),
  /**
   * Prompt prefill of the method's primary model (target / large / the only one), in ms. Other
   * models' prefills are separate `prefill` trace events and count in the TTFT, not here.
   */
  prefillMs: z.number(),
  /** promptTokens per second of prefillMs. */
  prefillTokensPerS: z.number().nullable(),
  decodeMs: z.number(),
  /** Generated tokens after the first, per second of decode time. */
  decodeTokensPerS: z.number().nullable(),
  totalMs: z.number(),
  /** Forward passes of the target / large model (prefill included). */
  targetForwardPasses: z.number().int().min(0).optional(),
  draftForwardPasses: z.number().int().min(0).optional(),
  /** Speculative: rounds, tokens drafted and accepted, and the derived rates. */
  rounds: z.number().int().min(0).optional(),
  draftTokens: z.number().int().min(0).optional(),
  acceptedTokens: z.number().int().min(0).optional(),
  /** 1 + accepted / rounds (includes the bonus token), as vLLM reports it. */
  meanAcceptanceLength: z.number().optional(),
  /** Unconditional: accepted at position i / rounds. */
  perPositionAcceptance: z.array(z.number()).optional(),
  draftAcceptanceRate: z.number().optional(),
  /** Draft-side cost in ms (drafting time, all rounds). */
  draftMs: z.number().optional(),
  verifyMs: z.number().optional(),
  /** EAD / SpecReason: share of tokens by the large model, and parameter-weighted cost vs large alone. */
  largeShare: z.number().optional(),
  paramWeightedCost: z.number().optional(),
  switches: z.number().int().min(0).optional(),
  steps: z.number().int().min(0).optional(),
  stepsAccepted: z.number().int().min(0).optional(),
  judgeMs: z.number().optional(),
  /** RICE: reasoning length (tokens between the thinking markers). */
  thinkingTokens: z.number().int().min(0).optional(),
  /** Why generation ended: end-of-turn token, token limit, stop string, cancelled, or a method's own rule. */
  stopReason: z.enum(['eos', 'max_tokens', 'stop_string', 'cancelled', 'answer', 'budget', 'repetition']).optional(),
});
export type RunMetrics = z.infer<typeof RunMetrics>;

export const RunRecord = z.object({
  id: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  status: RunStatus,
  method: z.string(),
  /** Model ids involved, in role order. */
  models: z.array(z.string()),
  config: MethodConfig,
  prompt: Prompt,
  /** The rendered text fed to the model (after the chat template). */
  promptText: z.string().nullable(),
  output: z.string(),
  /** Answer extracted by the grader, whether it was correct (null when there is no reference). */
  answer: z.string().nullable(),
  correct: z.boolean().nullable(),
  metrics: RunMetrics.nullable(),
  error: ErrorPayload.nullable(),
  datasetItemId: z.string().nullable(),
  experimentId: z.string().nullable(),
  configLabel: z.string().nullable(),
  sampleIndex: z.number().int().nullable(),
  seed: z.number().int(),
  tags: z.array(z.string()),
  /** Model fingerprints and engine version at run time, to warn when compared runs differ in setup. */
  setup: z.record(z.string(), z.string()),
});
export type RunRecord = z.infer<typeof RunRecord>;

export const RunSummary = RunRecord.pick({
  id: true,
  createdAt: true,
  finishedAt: true,
  status: true,
  method: true,
  models: true,
  output: true,
  correct: true,
  metrics: true,
  error: true,
  experimentId: true,
  configLabel: true,
  tags: true,
}).extend({ promptPreview: z.string() });
export type RunSummary = z.infer<typeof RunSummary>;

export const RunFilter = z.object({
  search: z.string().max(500).optional(),
  models: z.array(z.string()).optional(),
  methods: z.array(z.string()).optional(),
  statuses: z.array(RunStatus).optional(),
  experimentId: z.string().optional(),
  limit: z.number().int().min(1).max(10_000).default(200),
  offset: z.number().int().min(0).default(0),
});
export type RunFilter = z.infer<typeof RunFilter>;
