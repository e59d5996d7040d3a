// From logits to a next-token distribution and a choice: temperature, top-k and top-p filtering
// (the processed distribution is what lossless methods must reproduce), greedy argmax, seeded
// sampling, and the per-token statistics the trace records (logprob, entropy, top alternatives).
import type { SamplingParams } from '@app/sampling';

/** Index of the largest value (first one on ties, as torch.argmax). */
export function argmax(x: ArrayLike<number>): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i]! > bestValue) {
      bestValue = x[i]!;
      best = i;
    }
  }
  return best;
}

/** log-softmax of logits at temperature 1 (the model's own distribution, for stats). */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  const lse = max + Math.log(sum);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i]! - lse;
  return out;
}

/** Entropy in nats of a distribution given as log-probabilities. */
export function entropyOf(logprobs: Float64Array): number {
  let h = 0;
  for (let i = 0; i < logprobs.length; i++) {
    const lp = logprobs[i]!;
    if (lp > -Infinity) h -= Math.exp(lp) * lp;
  }
  return h;
}

/** The k largest entries as [index, value] pairs, largest first. */
export function topK(values: ArrayLike<number>, k: number): [number, number][] {
  const out: [number, number][] = [];
  if (k <= 0) return out;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (out.length < k) {
      out.push([i, v]);
      out.sort((a, b) => b[1] - a[1]);
    } else if (v > out[k - 1]![1]) {
      out[k - 1] = [i, v];
      out.sort((a, b) => b[1] - a[1]);
    }
  }
  return out;
}

/**
 * The distribution a method samples from: softmax(logits / T) restricted to the top-k tokens and to
 * the smallest set with cumulative probability >= top-p, renormalised. Temperature 0 gives the
 * one-hot argmax. Returned as probabilities over the whole vocabulary.
 */
export function processedDistribution(logits: ArrayLike<number>, s: Pick<SamplingParams, 'temperature' | 'topK' | 'topP'>): Float64Array {
  const V = logits.length;
  const p = new Float64Array(V);
  if (s.temperature === 0) {
    p[argmax(logits)] = 1;
    return p;
  }
  let max = -Infinity;
  for (let i = 0; i < V; i++) if (logits[i]! > max) max = logits[i]!;
  let sum = 0;
  for (let i = 0; i < V; i++) {
    const e = Math.exp((logits[i]! - max) / s.temperature);
    p[i] = e;
    sum += e;
  }
  for (let i = 0; i < V; i++) p[i]! /= sum;
  if ((s.topK > 0 && s.topK < V) || s.topP < 1) {
    const keep = nucleus(p, s.topK > 0 ? Math.min(s.topK, V) : V, s.topP);
    let kept = 0;
    for (const i of keep) kept += p[i]!;
    const out = new Float64Array(V);
    for (const i of keep) out[i] = p[i]! / kept;
    return out;
  }
  return p;
}

/**
 * Indices kept by top-k then top-p, largest first. Sorting a whole 150k vocabulary per token is the
 * slow part of sampling, so only tokens within 1e-9 of the maximum's scale are sorted; the full sort
 * is the fallback when those do not reach top-p (a nearly flat distribution with top-p near 1).
 */
function nucleus(p: Float64Array, k: number, topP: number): number[] {
  let max = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > max) max = p[i]!;
  const take = (candidates: number[]): number[] | null => {
    candidates.sort((a, b) => p[b]! - p[a]! || a - b);
    const keep: number[] = [];
    let cum = 0;
    for (const i of candidates) {
      if (keep.length >= k) return keep;
      keep.push(i);
      cum += p[i]!;
      if (cum >= topP) return keep;
    }
    return keep.length >= k || candidates.length === p.length ? keep : null;
  };
  const cut = max * 1e-9;
  const candidates: number[] = [];
  for (let i = 0; i < p.length; i++) if (p[i]! >= cut) candidates.push(i);
  return take(candidates) ?? take(Array.from({ length: p.length }, (_, i) => i))!;
}

/** Draws an index from a distribution with one uniform number u in [0,1). */
export function sampleIndex(p: ArrayLike<number>, u: number): number {
  let cum = 0;
  let last = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i]! <= 0) continue;
    cum += p[i]!;
    last = i;
    if (u < cum) return i;
  }
  return last; // rounding: u landed past the accumulated total
}

/** Seeded uniform generator (splitmix32): same seed, same stream, on every platform. */
export class SamplingRng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4294967296;
  }
}

export interface TokenChoice {
  id: number;
  /** The processed distribution the token was drawn from. */
  distribution: Float64Array;
}

/** Chooses the next token: argmax when greedy, else a draw from the processed distribution. */
export function chooseToken(logits: ArrayLike<number>, s: SamplingParams, rng: SamplingRng): TokenChoice {
  const distribution = processedDistribution(logits, s);
  const id = s.temperature === 0 ? argmax(logits) : sampleIndex(distribution, rng.next());
  return { id, distribution };
}
