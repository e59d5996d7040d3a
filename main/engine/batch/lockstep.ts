// The shared decode loop: every live continuation draws its next token with its own seeded sampler,
// then one pass of a shared decoder advances all of them at once. Continuations that end (end-of-turn,
// stop rule, budget) leave the pass; the others' tokens do not depend on who else is in it.
import type { SamplingParams } from '@app/sampling';
import type { Continuation, ContinuationSpec } from '../methods/continuation';
import type { LoadedModel } from '../runtime/loaded-model';
import { chooseToken, SamplingRng } from '../runtime/sampling';
import type { CancelSignal } from '../methods/context';
import { acceptToken, budgetOf } from './token-rules';

/** Advances several continuations of one prompt in shared passes (a batch dimension, or a tree mask). */
export interface SharedDecoder {
  /** Logits after each spec's prompt + prefix, in spec order. */
  start(): Promise<Float32Array[]>;
  /**
   * Feeds one token to each listed row (spec indices, ascending; a subset of the last call's rows:
   * rows never come back). Returns each row's next logits, in the same order.
   */
  step(rows: readonly number[], tokens: readonly number[]): Promise<Float32Array[]>;
}

/** What the loop needs of the call's options. */
export interface LockstepOptions {
  signal: CancelSignal;
  onToken?(index: number, id: number, logprob: number): void;
}

/** Runs `decoder` until every continuation has ended; results in spec order. */
export async function decodeInLockstep(model: LoadedModel, promptLength: number, specs: readonly ContinuationSpec[], sampling: SamplingParams, options: LockstepOptions, decoder: SharedDecoder): Promise<Continuation[]> {
  const out: Continuation[] = specs.map(() => ({ tokens: [], logprobs: [], stopReason: 'length' }));
  if (options.signal.cancelled) {
    for (const c of out) c.stopReason = 'cancelled';
    return out;
  }
  const rngs = specs.map((s) => new SamplingRng(s.seed));
  const budgets = specs.map((s) => budgetOf(model, promptLength + s.prefix.length, s));
  let logits = await decoder.start();
  let live = specs.map((_, i) => i).filter((i) => budgets[i]! > 0);
  while (live.length > 0) {
    const next: number[] = [];
    const fed: number[] = [];
    const ended = new Set<number>();
    for (const [slot, i] of live.entries()) {
      if (options.signal.cancelled) break; // raised by onToken: the rest of this pass draws nothing
      const row = logits[slot]!;
      const { id } = chooseToken(row, sampling, rngs[i]!);
      const step = acceptToken(model, sampling, specs[i]!, out[i]!, row, id);
      if (step !== 'eos') options.onToken?.(i, id, out[i]!.logprobs[out[i]!.logprobs.length - 1]!);
      if (step === 'stop') out[i]!.stopReason = 'stop';
      if (step === 'kept' && out[i]!.tokens.length < budgets[i]!) {
        next.push(i);
        fed.push(id);
      } else ended.add(i);
    }
    if (options.signal.cancelled) {
      for (const i of live) if (!ended.has(i)) out[i]!.stopReason = 'cancelled';
      break;
    }
    if (next.length === 0) break;
    logits = await decoder.step(next, fed);
    live = next;
  }
  return out;
}
