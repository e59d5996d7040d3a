// Experiments: a dataset (or a subset) times several method configs, one marked as the baseline,
// with k samples per item. The queue's progress, and the results matrix with per-method aggregates.
import { z } from 'zod';
import { MethodConfig } from './methods';

export const ExperimentArm = z.object({
  /** Stable id: runs record it, so renaming an arm keeps its runs. Filled in (arm-1, arm-2, ...) when absent. */
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').optional(),
  label: z.string().min(1).max(100),
  config: MethodConfig,
  baseline: z.boolean().default(false),
});
/** An arm as stored: its id always set. */
export type ExperimentArm = z.infer<typeof ExperimentArm> & { id: string };

export const ExperimentSpec = z.object({
  name: z.string().min(1).max(200),
  datasetId: z.string(),
  /** Subset of items; all items when absent. */
  itemIds: z.array(z.string()).optional(),
  /** First n items (after itemIds) when set. */
  itemLimit: z.number().int().min(1).optional(),
  arms: z
    .array(ExperimentArm)
    .min(1)
    .max(32)
    .transform((arms) => arms.map((a, i) => ({ ...a, id: a.id ?? `arm-${i + 1}` })))
    .refine((arms) => new Set(arms.map((a) => a.id)).size === arms.length, 'arm ids must differ'),
  /** Repeated samples per item (pass@k, majority vote); sample i uses seed = baseSeed + i. */
  samplesPerItem: z.number().int().min(1).max(256).default(1),
  baseSeed: z.number().int().min(0).default(0),
  /** The dataset's content version when the experiment was created (set by the host; a later mismatch is warned about). */
  datasetVersion: z.string().optional(),
});
export type ExperimentSpec = z.infer<typeof ExperimentSpec>;

export const experimentStatuses = ['queued', 'running', 'paused', 'completed', 'cancelled', 'failed'] as const;
export const ExperimentStatus = z.enum(experimentStatuses);
export type ExperimentStatus = z.infer<typeof ExperimentStatus>;

export const Experiment = z.object({
  id: z.string(),
  createdAt: z.string(),
  status: ExperimentStatus,
  spec: ExperimentSpec,
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type Experiment = z.infer<typeof Experiment>;

export const ExperimentProgress = z.object({
  experimentId: z.string(),
  status: ExperimentStatus,
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  /** Estimated remaining milliseconds from the mean duration of finished runs; null before the first. */
  etaMs: z.number().nullable(),
  /** The cell being run; `arm` is the arm's label, `armId` its id. */
  current: z.object({ itemId: z.string(), armId: z.string(), arm: z.string(), sample: z.number().int() }).nullable(),
});
export type ExperimentProgress = z.infer<typeof ExperimentProgress>;

export const ResultCell = z.object({
  itemId: z.string(),
  armId: z.string(),
  /** The arm's label. */
  arm: z.string(),
  sample: z.number().int(),
  runId: z.string(),
  status: z.string(),
  correct: z.boolean().nullable(),
  answer: z.string().nullable(),
  latencyMs: z.number().nullable(),
  newTokens: z.number().int().nullable(),
});
export type ResultCell = z.infer<typeof ResultCell>;

export const Interval = z.object({ low: z.number(), high: z.number() });

export const ArmAggregate = z.object({
  armId: z.string(),
  /** The arm's label. */
  arm: z.string(),
  baseline: z.boolean(),
  method: z.string(),
  runs: z.number().int(),
  accuracy: z.number().nullable(),
  /** 95% Wilson score interval of the accuracy. */
  accuracyCi: Interval.nullable(),
  meanLatencyMs: z.number().nullable(),
  /**
   * Spec-Bench's speedup on the cells both this arm and the baseline completed: mean of each run's
   * tokens per second of wall time (prefill included) over the baseline's same mean (>1 is faster).
   */
  speedup: z.number().nullable(),
  /** Decode-only speedup: pooled tokens per second outside prompt prefill over the baseline's, same cells. */
  decodeSpeedup: z.number().nullable().default(null),
  /** Spec-Bench's "#Mean accepted tokens": mean accept length over every round of every run (1 for one token per pass). */
  meanAcceptedTokens: z.number().nullable().default(null),
  /** Runs timed with a cold model (warm-up off): their speed figures read low. */
  coldRuns: z.number().int().default(0),
  decodeTokensPerS: z.number().nullable(),
  meanAcceptanceLength: z.number().nullable(),
  perPositionAcceptance: z.array(z.number()).nullable(),
  largeShare: z.number().nullable(),
  paramWeightedCost: z.number().nullable(),
  meanNewTokens: z.number().nullable(),
  /** Tokens generated per run, every sample counted (repeated sampling's sampleTokens; newTokens for other methods): the compute axis. */
  meanGeneratedTokens: z.number().nullable().default(null),
  /** Repeated sampling: pass@k for k = 1..samplesPerItem (unbiased estimator), majority-vote accuracy. */
  passAtK: z.array(z.number()).nullable(),
  majorityVote: z.number().nullable(),
});
export type ArmAggregate = z.infer<typeof ArmAggregate>;

export const ExperimentResults = z.object({
  experiment: Experiment,
  items: z.array(z.object({ id: z.string(), question: z.string(), answer: z.string(), metadata: z.record(z.string(), z.unknown()) })),
  cells: z.array(ResultCell),
  aggregates: z.array(ArmAggregate),
  /** Setup differences between arms (model files, dataset version, seeds). */
  warnings: z.array(z.string()),
  /** The dataset is gone: the items' questions come from the runs' stored prompts, without answers or metadata. */
  datasetDeleted: z.boolean().default(false),
});
export type ExperimentResults = z.infer<typeof ExperimentResults>;
