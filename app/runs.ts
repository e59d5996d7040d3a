// Runs: one method config on one prompt (or dataset item). The request that starts one, the record
// the store keeps, the metrics computed when it ends, and the filters of the Runs list.
import { z } from 'zod';
import { GradingSpec } from './datasets';
import { ErrorPayload } from './errors';
import { ExpertId, MethodConfig } from './methods';
import { RunMetrics } from './run-metrics';

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

/** A reference answer given with a run that is not a dataset item's (a Playground example): the host grades against it. */
export const ReferenceAnswer = z.object({
  answer: z.string().min(1).max(1000),
  /** numeric: compared as numbers (1e-6); exact: the extracted answer as a string, case-insensitive. */
  kind: z.enum(['numeric', 'exact']),
});
export type ReferenceAnswer = z.infer<typeof ReferenceAnswer>;

export const RunRequest = z.object({
  prompt: Prompt,
  config: MethodConfig,
  /** Optional links when the run belongs to a dataset item / experiment. */
  datasetItemId: z.string().optional(),
  experimentId: z.string().optional(),
  /** The experiment arm (its stable id) and its label when the run was made (for display). */
  armId: z.string().optional(),
  configLabel: z.string().optional(),
  sampleIndex: z.number().int().min(0).optional(),
  /** The answer to grade against where the run has no dataset item (whose own answer wins otherwise). */
  expected: ReferenceAnswer.optional(),
  /** Free-form tags for searching. */
  tags: z.array(z.string()).default([]),
  /**
   * Warm each model up (a short untimed pass per graph) the first time this engine process uses it,
   * so that the run's timings do not include a cold session (default on). false: such a run is flagged `coldStart`.
   */
  warmup: z.boolean().optional(),
});
export type RunRequest = z.infer<typeof RunRequest>;

/** Values the host resolves for a run before it starts, recorded with the run (never written into its config). */
export const HostSetup = z.object({
  /** RICE with no experts named: the top experts of the model's latest calibration, which the run reinforced. */
  calibratedExperts: z.array(ExpertId).optional(),
  /**
   * The reference answer the run is graded against: repeated sampling on a dataset item gets the
   * item's gold answer and grading (to grade each sample and select by the oracle); a run without a
   * dataset item gets its request's `expected`, converted to a grading spec (any method).
   */
  reference: z.object({ answer: z.string(), grading: GradingSpec }).optional(),
});
export type HostSetup = z.infer<typeof HostSetup>;

/** What a run ran on: engine version, model files, and the values the host and engine resolved. */
export const RunSetup = HostSetup.extend({
  engine: z.string().optional(),
  /** `<role>:<modelId>` -> fingerprint of the model's files, to warn when compared runs differ. */
  fingerprints: z.record(z.string(), z.string()).default({}),
  /** Token Recycling: the adjacency matrix started empty (cold) or kept from earlier prompts (hot). */
  recyclingMatrix: z.enum(['cold', 'hot']).optional(),
});
export type RunSetup = z.infer<typeof RunSetup>;

export const runStatuses = ['queued', 'running', 'completed', 'cancelled', 'failed', 'interrupted'] as const;
export const RunStatus = z.enum(runStatuses);
export type RunStatus = z.infer<typeof RunStatus>;

export { RunMetrics };

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
  armId: z.string().nullable(),
  configLabel: z.string().nullable(),
  sampleIndex: z.number().int().nullable(),
  seed: z.number().int(),
  tags: z.array(z.string()),
  setup: RunSetup,
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
  armId: true,
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
