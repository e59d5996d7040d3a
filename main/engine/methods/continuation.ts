// The shapes of many-continuation sampling (TTS-CONTRACT.md §1) as methods see them through
// `ctx.sampleMany`: what to continue, what came back. The sampling itself lives in engine/batch/,
// which methods may not import; it re-exports these types.
import type { SamplingParams } from '@app/sampling';

/**
 * One continuation of a shared prompt: the tokens already after the prompt (empty for a fresh
 * sample), its own seed, its budget, and an optional stop rule evaluated after each new token.
 */
export interface ContinuationSpec {
  prefix: readonly number[];
  seed: number;
  maxNewTokens: number;
  /** True once the continuation should stop (a step delimiter, say). End-of-turn always stops. */
  stopAfter?: (newTokens: readonly number[]) => boolean;
}

/** What one continuation produced. */
export interface Continuation {
  /** New tokens only (not the prefix); an end-of-turn token that stopped it is not included. */
  tokens: number[];
  /** log p of each new token under the model's raw logits (log-softmax at temperature 1). */
  logprobs: number[];
  stopReason: 'eos' | 'stop' | 'length' | 'cancelled';
}

/** Optional settings of `ctx.sampleMany`; the run's cancel signal always applies. */
export interface SampleManyOptions {
  /** The prompt to continue (default: the run's prompt ids). */
  promptIds?: readonly number[];
  /** Sampling parameters (default: the run's); each spec's seed and budget replace seed and maxNewTokens. */
  sampling?: SamplingParams;
  onToken?(index: number, id: number, logprob: number): void;
}
