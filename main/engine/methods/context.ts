// What a method receives: its models by role, the prompt, the sampling parameters, a token sink that
// records and stops, a cancellation flag, and helpers shared by all methods (prefill with prefix
// reuse, token statistics). A method returns its own metrics; the runner adds the common ones.
import type { TraceEvent } from '@app/events';
import type { MethodConfig } from '@app/methods';
import type { HostSetup, Prompt, RunMetrics, RunSetup } from '@app/runs';
import type { SamplingParams } from '@app/sampling';
import type { LoadedModel } from '../runtime/loaded-model';
import type { PrefillResult, PrefixPool } from '../runtime/prefill';
import type { Continuation, ContinuationSpec, SampleManyOptions } from './continuation';
import type { SamplingRng } from '../runtime/sampling';
import type { TokenSink } from '../runtime/token-sink';
import type { TokenStats } from '../runtime/token-stats';

export interface CancelSignal {
  readonly cancelled: boolean;
}

export interface MethodContext<C extends MethodConfig = MethodConfig> {
  config: C;
  /** Models by role (target, draft, small, large, model), as named in the config. */
  models: Record<string, LoadedModel>;
  /** What the host resolved for this run (RICE's calibrated experts); recorded in the run's setup. */
  setup?: HostSetup;
  /** The request's prompt as sent (SpecReason builds its judge conversation from its messages); the engine always sets it. */
  prompt?: Prompt;
  promptIds: number[];
  sampling: SamplingParams;
  rng: SamplingRng;
  sink: TokenSink;
  signal: CancelSignal;
  emit(event: TraceEvent): void;
  /** Milliseconds since the run started. */
  elapsed(): number;
  /** Prefills `role`'s model with `tokens` (reusing a pooled prefix), emits the prefill event. */
  prefill(role: string, tokens: readonly number[]): Promise<PrefillResult>;
  /** Statistics of token `id` under `logits` (logprob, entropy, top alternatives). */
  stats(role: string, logits: ArrayLike<number>, id: number): TokenStats;
  /**
   * Samples many continuations of the run's prompt (or options.promptIds) with `role`'s model, the
   * prompt's KV computed once and shared (engine/batch/continuations.ts). Each spec has its own seeded
   * sampler: a continuation equals its seed's single autoregressive run. The run's cancel stops all.
   * Emits nothing and leaves ctx.sink alone: the method decides what becomes the run's output.
   */
  sampleMany(role: string, specs: readonly ContinuationSpec[], options?: SampleManyOptions): Promise<Continuation[]>;
  /** Engine-wide state a method may keep across runs (Token Recycling's matrix, calibration tables). */
  state: Map<string, unknown>;
  pools: Map<string, PrefixPool>;
}

export type MethodMetrics = Partial<Omit<RunMetrics, 'promptTokens' | 'newTokens' | 'ttftMs' | 'decodeMs' | 'decodeTokensPerS' | 'totalMs'>>;

export interface MethodImplementation<C extends MethodConfig = MethodConfig> {
  /**
   * Throws method_unsupported naming what a model lacks, before anything runs. The capabilities each
   * role needs (app/methods descriptors) are checked generically before; this is for the rest.
   */
  check?(config: C, models: Record<string, LoadedModel>): void;
  /** What the method resolves at start that the run's setup records (Token Recycling's matrix state). */
  setupOf?(config: C, models: Record<string, LoadedModel>, state: Map<string, unknown>): Partial<RunSetup>;
  run(ctx: MethodContext<C>): Promise<MethodMetrics>;
}
