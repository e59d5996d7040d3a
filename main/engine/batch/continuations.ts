// Many continuations of one prompt (repeated sampling, particles, search expansions): the prompt's KV
// is computed once and shared, and each continuation keeps its own seeded sampler, so a continuation
// equals the single autoregressive run of its seed token for token.
import { WorkbenchError } from '@app/errors';
import type { SamplingParams } from '@app/sampling';
import type { CancelSignal } from '../methods/context';
import type { Continuation, ContinuationSpec } from '../methods/continuation';
import type { KvCache } from '../runtime/kv-cache';
import type { LoadedModel } from '../runtime/loaded-model';
import { logitsRow } from '../runtime/loaded-model';
import type { PrefixPool } from '../runtime/prefill';
import { prefill } from '../runtime/prefill';
import { chooseToken, SamplingRng } from '../runtime/sampling';

export type { Continuation, ContinuationSpec } from '../methods/continuation';

/** The most continuations one call may ask for. */
export const MAX_CONTINUATIONS = 256;

/** How a call runs: cancellation (stops every continuation), a token callback, a prefix pool. */
export interface ContinuationOptions {
  signal: CancelSignal;
  onToken?(index: number, id: number, logprob: number): void;
  /** Reuse and feed this pool when prefilling the prompt (the engine's per-model pool). */
  pool?: PrefixPool | null;
}

/**
 * Samples every spec's continuation of `promptIds` under `sampling` (seeded per spec: the spec's seed
 * replaces sampling.seed; its maxNewTokens replaces sampling.maxNewTokens). The prompt's KV is
 * computed once and shared. Same seed => same tokens as that seed's single autoregressive run.
 * End-of-turn stops a continuation unless sampling.ignoreEos (then it is kept like any token).
 * Results come back in the order of `specs`.
 */
export async function sampleContinuations(model: LoadedModel, promptIds: readonly number[], specs: readonly ContinuationSpec[], sampling: SamplingParams, options: ContinuationOptions): Promise<Continuation[]> {
  checkRequest(model, promptIds, specs);
  const results: Continuation[] = [];
  if (specs.length === 0) return results;
  const shared = await prefill(model, promptIds, options.pool ?? null);
  const promptLogits = shared.logits;
  for (let index = 0; index < specs.length; index++) {
    const spec = specs[index]!;
    const cache = shared.cache.clone();
    let logits: Float32Array = promptLogits;
    if (spec.prefix.length > 0 && !options.signal.cancelled) {
      const r = await model.forward(cache, spec.prefix);
      cache.commit(r.present, spec.prefix);
      logits = logitsRow(r, spec.prefix.length - 1).slice();
    }
    results.push(await decodeOne(model, cache, logits, spec, sampling, options, index));
  }
  return results;
}

/** One continuation decoded alone after its filled cache (the sequential path). */
async function decodeOne(model: LoadedModel, cache: KvCache, first: Float32Array, spec: ContinuationSpec, sampling: SamplingParams, options: ContinuationOptions, index: number): Promise<Continuation> {
  const rng = new SamplingRng(spec.seed);
  const out: Continuation = { tokens: [], logprobs: [], stopReason: 'length' };
  const budget = budgetOf(model, cache.length, spec);
  let logits = first;
  while (true) {
    if (options.signal.cancelled) {
      out.stopReason = 'cancelled';
      return out;
    }
    if (out.tokens.length >= budget) return out;
    const { id } = chooseToken(logits, sampling, rng);
    const step = acceptToken(model, sampling, spec, out, logits, id);
    if (step !== null) {
      if (step === 'eos') return out;
      options.onToken?.(index, id, out.logprobs[out.logprobs.length - 1]!);
      if (step === 'stop' || out.tokens.length >= budget) {
        out.stopReason = step === 'stop' ? 'stop' : 'length';
        return out;
      }
    }
    const r = await model.forward(cache, [id]);
    cache.commit(r.present, [id]);
    logits = logitsRow(r, 0);
  }
}

/**
 * Records token `id` drawn from `logits` into `out`. Returns 'eos' when it ended the continuation
 * without being kept, 'stop' when the stop rule fired after keeping it, 'kept' otherwise.
 * (Shared by the sequential and batched paths so both stop identically.)
 */
export function acceptToken(model: LoadedModel, sampling: SamplingParams, spec: ContinuationSpec, out: Continuation, logits: ArrayLike<number>, id: number): 'eos' | 'stop' | 'kept' {
  if (model.tokenizer.eosIds.has(id) && !sampling.ignoreEos) {
    out.stopReason = 'eos';
    return 'eos';
  }
  out.tokens.push(id);
  out.logprobs.push(logprobOf(logits, id));
  if (spec.stopAfter?.(out.tokens)) return 'stop';
  return 'kept';
}

/** New tokens a continuation may take: its budget, within the model's context. */
export function budgetOf(model: LoadedModel, filled: number, spec: ContinuationSpec): number {
  return Math.max(0, Math.min(spec.maxNewTokens, model.contextLength - filled - 1));
}

/** log-softmax of `logits` at `id` (the model's own distribution, temperature 1). */
export function logprobOf(logits: ArrayLike<number>, id: number): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  return logits[id]! - max - Math.log(sum);
}

/** Refuses requests that cannot run, with the specific reason, before any pass. */
export function checkRequest(model: LoadedModel, promptIds: readonly number[], specs: readonly ContinuationSpec[]): void {
  if (specs.length > MAX_CONTINUATIONS) {
    throw new WorkbenchError('invalid_payload', `asked for ${specs.length} continuations; at most ${MAX_CONTINUATIONS} per call`, { continuations: specs.length, max: MAX_CONTINUATIONS });
  }
  if (promptIds.length === 0) throw new WorkbenchError('invalid_payload', 'sampling continuations needs a prompt of at least one token');
  specs.forEach((s, i) => {
    if (!Number.isInteger(s.maxNewTokens) || s.maxNewTokens < 1) {
      throw new WorkbenchError('invalid_payload', `continuation ${i}: maxNewTokens must be a positive integer (got ${s.maxNewTokens})`);
    }
    if (!Number.isInteger(s.seed) || s.seed < 0) throw new WorkbenchError('invalid_payload', `continuation ${i}: seed must be a non-negative integer (got ${s.seed})`);
    const filled = promptIds.length + s.prefix.length;
    if (filled >= model.contextLength) {
      throw new WorkbenchError('context_overflow', `continuation ${i}: the prompt and its prefix are ${filled} tokens but ${model.info.name}'s context is ${model.contextLength}`, { tokens: filled, context: model.contextLength });
    }
  });
}
