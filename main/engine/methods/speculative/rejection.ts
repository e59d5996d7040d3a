// The sampling rules that make speculation lossless: the residual distribution norm(max(0, p - q)),
// chain acceptance with min(1, p/q) (Leviathan et al.; greedy: accept while the draft equals the
// target's argmax), Gumbel-top-k sampling without replacement (RSD's sibling draws), and RSD's
// recursive rejection sampling over siblings in draw order (methods.md section 4c).
import type { SamplingParams } from '../../../../app/sampling';
import type { SamplingRng } from '../../runtime/sampling';
import { argmax, processedDistribution, sampleIndex } from '../../runtime/sampling';

type Sampling = Pick<SamplingParams, 'temperature' | 'topK' | 'topP'>;

/**
 * norm(max(0, p - q)). When p <= q everywhere (p == q up to rounding) there is nothing left to
 * correct and a rejection cannot have happened in exact arithmetic; p itself is returned then.
 */
export function residual(p: ArrayLike<number>, q: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p.length);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const d = p[i]! - q[i]!;
    if (d > 0) {
      out[i] = d;
      sum += d;
    }
  }
  if (!(sum > 1e-12)) return Float64Array.from(p);
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** Probability of accepting draft token x: min(1, p(x)/q(x)). */
export function acceptProbability(p: ArrayLike<number>, q: ArrayLike<number>, x: number): number {
  const qx = q[x]!;
  if (!(qx > 0)) return 1; // x could not have been drawn from q; only reachable through rounding
  return Math.min(1, p[x]! / qx);
}

/** The distribution at temperature 1 (the model's own), for display when decoding is greedy. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  return processedDistribution(logits, { temperature: 1, topK: 0, topP: 1 });
}

/**
 * A verified pass's distributions, computed once per position on demand: the processed distribution
 * (what acceptance uses; one-hot at the argmax when greedy) and the one a trace shows (the model's own
 * temperature-1 distribution when greedy, where the processed one says only 0 or 1).
 */
export class Distributions {
  private readonly processedRows = new Map<number, Float64Array>();
  private readonly shownRows = new Map<number, Float64Array>();

  constructor(
    readonly logitsAt: (i: number) => ArrayLike<number>,
    readonly sampling: Sampling,
  ) {}

  get greedy(): boolean {
    return this.sampling.temperature === 0;
  }

  processed(i: number): Float64Array {
    let row = this.processedRows.get(i);
    if (!row) {
      row = processedDistribution(this.logitsAt(i), this.sampling);
      this.processedRows.set(i, row);
    }
    return row;
  }

  shown(i: number): Float64Array {
    if (!this.greedy) return this.processed(i);
    let row = this.shownRows.get(i);
    if (!row) {
      row = softmax(this.logitsAt(i));
      this.shownRows.set(i, row);
    }
    return row;
  }

  argmax(i: number): number {
    return argmax(this.logitsAt(i));
  }
}

export interface ChainOutcome {
  /** Draft tokens accepted, from the first. */
  accepted: number;
  /** The token after them: the bonus token (all accepted) or the resampled correction. */
  final: number;
  finalKind: 'bonus' | 'resampled';
}

/**
 * Verifies a drafted chain against the target's distributions at fed positions 0..n (0 = the root).
 * `draftDists[i]` is the processed draft distribution draft token i was drawn from (unused when greedy).
 * Greedy: accept while the draft token equals the target's argmax; the final token is the argmax.
 * Sampling: accept token i with probability min(1, p_i/q_i); on rejection draw from the residual;
 * after a fully accepted chain draw the bonus from p. One uniform per examined token, one per final.
 */
export function acceptChain(
  drafted: readonly number[],
  draftDists: readonly (ArrayLike<number> | null)[],
  target: Distributions,
  rng: SamplingRng,
): ChainOutcome {
  if (target.greedy) {
    for (let i = 0; i < drafted.length; i++) {
      const best = target.argmax(i);
      if (drafted[i] !== best) return { accepted: i, final: best, finalKind: 'resampled' };
    }
    return { accepted: drafted.length, final: target.argmax(drafted.length), finalKind: 'bonus' };
  }
  for (let i = 0; i < drafted.length; i++) {
    const p = target.processed(i);
    const q = draftDists[i]!;
    if (rng.next() < acceptProbability(p, q, drafted[i]!)) continue;
    return { accepted: i, final: sampleIndex(residual(p, q), rng.next()), finalKind: 'resampled' };
  }
  return { accepted: drafted.length, final: sampleIndex(target.processed(drafted.length), rng.next()), finalKind: 'bonus' };
}

/**
 * Gumbel-top-k: `k` distinct indices drawn without replacement from `p` (probabilities), in draw
 * order: add Gumbel(0,1) noise to log p and take the k largest. Zero-probability entries are never
 * drawn, so fewer than k come back when p has a smaller support.
 */
export function gumbelTopK(p: ArrayLike<number>, k: number, rng: SamplingRng): number[] {
  const keys: [number, number][] = [];
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (!(pi > 0)) continue;
    // u in (0, 1): the generator returns [0, 1), and -log(-log(0)) would be -Infinity.
    const u = (rng.next() * 4294967296 + 0.5) / 4294967297;
    keys.push([i, Math.log(pi) - Math.log(-Math.log(u))]);
  }
  keys.sort((a, b) => b[1] - a[1]);
  return keys.slice(0, k).map(([i]) => i);
}

/** q with `excluded` removed and renormalised: the law of the next draw without replacement. */
export function excludeAndRenormalise(q: ArrayLike<number>, excluded: readonly number[]): Float64Array {
  const out = Float64Array.from(q);
  for (const x of excluded) out[x] = 0;
  let sum = 0;
  for (let i = 0; i < out.length; i++) sum += out[i]!;
  if (sum > 0) for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

export interface SiblingOutcome {
  /** Index (into the siblings, draw order) of the accepted sibling, or -1 when all were rejected. */
  acceptedIndex: number;
  /** When all were rejected: the token drawn from the final residual. */
  final: number | null;
  /** How many siblings were examined (accepted one included). */
  examined: number;
}

/**
 * RSD's recursive rejection sampling at one node. `siblings` were drawn without replacement from q in
 * this order; p is the target's processed distribution at the node. Sibling k is accepted with
 * probability min(1, p_k(x_k)/q_k(x_k)), where q_k is q without the earlier siblings (renormalised) and
 * p_1 = p, p_{k+1} = norm(max(0, p_k - q_k)). When all are rejected the final token comes from the
 * last residual. The result is distributed exactly as p.
 */
export function recursiveReject(p: ArrayLike<number>, q: ArrayLike<number>, siblings: readonly number[], rng: SamplingRng): SiblingOutcome {
  let pk: ArrayLike<number> = p;
  for (let k = 0; k < siblings.length; k++) {
    const qk = k === 0 ? q : excludeAndRenormalise(q, siblings.slice(0, k));
    if (rng.next() < acceptProbability(pk, qk, siblings[k]!)) return { acceptedIndex: k, final: null, examined: k + 1 };
    pk = residual(pk, qk);
  }
  return { acceptedIndex: -1, final: sampleIndex(pk, rng.next()), examined: siblings.length };
}
