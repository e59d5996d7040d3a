// The per-token rules every design applies identically: what a drawn token does to a continuation
// (end-of-turn, stop rule, kept with its log-probability) and how many tokens it may take.
import type { SamplingParams } from '@app/sampling';
import type { Continuation, ContinuationSpec } from '../methods/continuation';
import type { LoadedModel } from '../runtime/loaded-model';

/**
 * Records token `id` drawn from `logits` into `out`. Returns 'eos' when it ended the continuation
 * without being kept, 'stop' when the stop rule fired after keeping it, 'kept' otherwise.
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
