// The one speedup definition the workbench uses everywhere, Spec-Bench's (evaluation/speed.py): the
// mean over prompts of a run's tokens per second of wall time (prefill included), over the same mean
// for the baseline on the same prompts. Decode-only speedup is a labelled second figure: pooled
// decode tokens/s (wall time outside prompt prefill) over the baseline's. Spec-Bench's "#Mean accepted
// tokens" is the mean of every round's accept length, pooled over runs.
import type { RunMetrics } from '../runs';

type Timed = Pick<RunMetrics, 'newTokens' | 'totalMs' | 'stopReason'>;

/** Tokens as Spec-Bench's methods count them: an end-of-turn token the run emitted counts. */
export function specBenchTokens(m: Pick<RunMetrics, 'newTokens' | 'stopReason'>): number {
  return m.newTokens + (m.stopReason === 'eos' ? 1 : 0);
}

/** A run's tokens per second of wall time, prefill included (null for a run with no time). */
export function wallTokensPerS(m: Timed): number | null {
  return m.totalMs > 0 ? (specBenchTokens(m) / m.totalMs) * 1000 : null;
}

function mean(values: readonly number[]): number | null {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** A method run and the baseline run of the same prompt (and sample). */
export interface SpeedupPair {
  arm: Timed & Pick<RunMetrics, 'decodeMs'>;
  base: Timed & Pick<RunMetrics, 'decodeMs'>;
}

/**
 * Spec-Bench's speedup over paired runs: mean(arm tokens/s) / mean(baseline tokens/s), each run's
 * tokens/s over its wall time, prefill included. Null without a pair that has time on both sides.
 */
export function specBenchSpeedup(pairs: readonly SpeedupPair[]): number | null {
  const usable = pairs.filter((p) => p.arm.totalMs > 0 && p.base.totalMs > 0);
  const arm = mean(usable.map((p) => wallTokensPerS(p.arm)!));
  const base = mean(usable.map((p) => wallTokensPerS(p.base)!));
  return arm !== null && base !== null && base > 0 ? arm / base : null;
}

/** Decode-only speedup: pooled newTokens / decodeMs of the arm over the baseline's, on the same pairs. */
export function decodeSpeedup(pairs: readonly SpeedupPair[]): number | null {
  const usable = pairs.filter((p) => p.arm.decodeMs > 0 && p.base.decodeMs > 0);
  if (usable.length === 0) return null;
  const rate = (side: 'arm' | 'base') => usable.reduce((a, p) => a + p[side].newTokens, 0) / usable.reduce((a, p) => a + p[side].decodeMs, 0);
  const base = rate('base');
  return base > 0 ? rate('arm') / base : null;
}

/** A run's accept lengths as Spec-Bench records them: the method's rounds, or 1 per token for one-token-per-pass decoding. */
export function acceptLengthsOfRun(m: Pick<RunMetrics, 'newTokens' | 'stopReason' | 'acceptLengths'>): number[] {
  return m.acceptLengths ?? new Array<number>(specBenchTokens(m)).fill(1);
}

/** Spec-Bench's "#Mean accepted tokens": the mean of every accept length of every run. */
export function meanAcceptedTokens(runs: readonly Pick<RunMetrics, 'newTokens' | 'stopReason' | 'acceptLengths'>[]): number | null {
  let sum = 0;
  let count = 0;
  for (const m of runs) {
    for (const n of acceptLengthsOfRun(m)) {
      sum += n;
      count++;
    }
  }
  return count > 0 ? sum / count : null;
}

/**
 * Spec-Bench's accept_lengths from the first token index of each draft round: the tokens before the
 * first round (the prefill's token) are one entry, each round's tokens another (rounds that emitted
 * nothing are dropped), and an end-of-turn token the last round produced is counted in it (a round
 * that produced only the end-of-turn is an entry of 1). They sum to newTokens (+1 on end-of-turn).
 */
export function acceptLengthsOf(roundStarts: readonly number[], newTokens: number, endedOnEos: boolean): number[] {
  const bounds = [0, ...roundStarts.filter((t) => t > 0 && t <= newTokens), newTokens];
  const out: number[] = [];
  for (let i = 1; i < bounds.length; i++) {
    const n = bounds[i]! - bounds[i - 1]!;
    if (n > 0) out.push(n);
  }
  if (endedOnEos) {
    if (out.length > 0 && roundStarts.length > 0 && roundStarts[roundStarts.length - 1]! < newTokens) out[out.length - 1]! += 1;
    else out.push(1);
  }
  return out;
}
