// Writing one reasoning step: a model continues the assistant turn until the step delimiter, the
// end of turn or a token cap, either token by token or (SpecReason+Decode) with chain speculative
// sampling against a draft model, which is lossless: greedy it writes exactly the target's tokens,
// sampled it draws from the target's distribution (accept with min(1, p/q), else resample from
// norm(max(0, p - q)), a bonus token after a fully accepted draft), verified by the speculative
// methods' one rejection sampler (../speculative/rejection.ts).
import type { SamplingParams } from '@app/sampling';
import type { SamplingRng } from '../../runtime/sampling';
import { chooseToken } from '../../runtime/sampling';
import type { WorkbenchTokenizer } from '../../runtime/tokenizer';
import { Distributions, acceptChain } from '../speculative/rejection';
import type { Track } from './track';

/** Where a step ends. */
export interface StepBoundary {
  eosIds: ReadonlySet<number>;
  delimiter: string;
  /**
   * The closing think marker: a step whose text before the delimiter ends with it runs on over the
   * next line, so `</think>` and the answer line form one (final) step.
   */
  thinkEnd: string | null;
}

/** Whether a step whose text is `text` (after its latest token `id`) is complete. */
export function stepEnded(text: string, id: number, b: StepBoundary): boolean {
  if (b.eosIds.has(id)) return true;
  if (!text.endsWith(b.delimiter)) return false;
  const body = text.slice(0, text.length - b.delimiter.length);
  return !(b.thinkEnd && body.trimEnd().endsWith(b.thinkEnd));
}

export interface StepDecodeOptions {
  cap: number;
  boundary: StepBoundary;
  tokenizer: WorkbenchTokenizer;
  sampling: SamplingParams;
  rng: SamplingRng;
}

export interface DecodedStep {
  ids: number[];
  /** The writer's logits each token was chosen from (the target's for speculative steps). */
  rows: Float32Array[];
  ms: number;
  /** Speculative steps: verification rounds, drafted and accepted draft tokens. */
  rounds: number;
  draftTokens: number;
  acceptedTokens: number;
}

/** One step by `writer`, token by token, continuing `seq` (prompt + final tokens so far). */
export async function decodeStep(writer: Track, seq: readonly number[], o: StepDecodeOptions): Promise<DecodedStep> {
  const t0 = performance.now();
  const cur = seq.slice();
  const ids: number[] = [];
  const rows: Float32Array[] = [];
  let text = '';
  let logits = await writer.logitsAfter(cur);
  for (;;) {
    const { id } = chooseToken(logits, o.sampling, o.rng);
    ids.push(id);
    rows.push(logits);
    text += o.tokenizer.piece(id);
    if (stepEnded(text, id, o.boundary) || ids.length >= o.cap) break;
    cur.push(id);
    logits = await writer.logitsAfter(cur);
  }
  return { ids, rows, ms: performance.now() - t0, rounds: 0, draftTokens: 0, acceptedTokens: 0 };
}

/** One step by `target` with chain speculative sampling: `draft` proposes up to gamma tokens per round. */
export async function decodeStepSpeculative(target: Track, draft: Track, seq: readonly number[], gamma: number, o: StepDecodeOptions): Promise<DecodedStep> {
  const t0 = performance.now();
  const cur = seq.slice();
  const ids: number[] = [];
  const rows: Float32Array[] = [];
  let text = '';
  let rounds = 0;
  let draftTokens = 0;
  let acceptedTokens = 0;
  const emit = (id: number, row: Float32Array): boolean => {
    ids.push(id);
    rows.push(row);
    cur.push(id);
    text += o.tokenizer.piece(id);
    return stepEnded(text, id, o.boundary) || ids.length >= o.cap;
  };
  let ended = false;
  while (!ended) {
    // Draft up to gamma tokens, but not past the end of the step or the cap.
    const k = Math.min(gamma, o.cap - ids.length);
    const drafts: number[] = [];
    const q: Float64Array[] = [];
    let draftText = text;
    let qLogits = await draft.logitsAfter(cur);
    for (let i = 0; i < k; i++) {
      const c = chooseToken(qLogits, o.sampling, o.rng);
      drafts.push(c.id);
      q.push(c.distribution);
      draftText += o.tokenizer.piece(c.id);
      if (stepEnded(draftText, c.id, o.boundary) || i === k - 1) break;
      qLogits = await draft.logitsAfter([...cur, ...drafts]);
    }
    // Verify all drafts in one target pass: p[i] is the target's next-token logits before drafts[i].
    const p = await target.extend(cur, drafts);
    rounds++;
    draftTokens += drafts.length;
    // The shared verifier (the speculative methods' rejection sampler): p[i] before draft i.
    const outcome = acceptChain(drafts, q, new Distributions((i) => p[i]!, o.sampling), o.rng);
    for (let i = 0; i < outcome.accepted && !ended; i++) {
      acceptedTokens++;
      ended = emit(drafts[i]!, p[i]!);
    }
    // The step can only end at the last draft (drafting stops there), so no bonus is owed then.
    if (!ended) ended = emit(outcome.final, p[outcome.accepted]!);
  }
  return { ids, rows, ms: performance.now() - t0, rounds, draftTokens, acceptedTokens };
}
