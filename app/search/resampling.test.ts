import { describe, expect, it } from 'vitest';
import { Rng } from '../tasks/random';
import { effectiveSampleSize, multinomialResample, normalizeWeights, offspringCounts, resample, systematicResample } from './resampling';

/** A uniform source that replays fixed numbers (hand-computed cases). */
const replay = (us: number[]) => {
  let i = 0;
  return () => us[i++]!;
};

describe('resampling', () => {
  it('multinomial: each uniform picks the index whose cumulative interval holds it', () => {
    // p = [0.25, 0.75]: [0, 0.25) -> 0, [0.25, 1) -> 1.
    expect(multinomialResample([1, 3], 4, replay([0.1, 0.3, 0.99, 0.25]))).toEqual([0, 1, 1, 1]);
    // Zero weights are never chosen, even at u = 0.
    expect(multinomialResample([0, 1, 1], 3, replay([0, 0.49, 0.5]))).toEqual([1, 1, 2]);
  });

  it('systematic: one offset u0 = u/N, then N evenly spaced points', () => {
    // u0 = 0.4 / 4 = 0.1: points 0.1, 0.35, 0.6, 0.85 over cdf [0.5, 0.75, 1].
    expect(systematicResample([0.5, 0.25, 0.25], 4, replay([0.4]))).toEqual([0, 0, 1, 2]);
    expect(resample('systematic', [0.5, 0.25, 0.25], 4, replay([0.4]))).toEqual([0, 0, 1, 2]);
  });

  it('systematic gives each particle floor(N w) or ceil(N w) copies, whatever the offset', () => {
    const w = normalizeWeights([0.13, 0.42, 0.07, 0.38]);
    const rng = new Rng(3);
    for (let t = 0; t < 200; t++) {
      const counts = offspringCounts(systematicResample(w, 10, () => rng.next()), 4);
      counts.forEach((c, i) => {
        expect(c).toBeGreaterThanOrEqual(Math.floor(10 * w[i]!));
        expect(c).toBeLessThanOrEqual(Math.ceil(10 * w[i]!));
      });
    }
  });

  it.each(['multinomial', 'systematic'] as const)('%s: copies follow the weights over many draws (seeded)', (scheme) => {
    const weights = [0.1, 0.2, 0.7];
    const rng = new Rng(11);
    const totals = [0, 0, 0];
    const rounds = 2000;
    for (let t = 0; t < rounds; t++) offspringCounts(resample(scheme, weights, 5, () => rng.next()), 3).forEach((c, i) => (totals[i]! += c));
    // Each share within 0.02 of its weight (the standard error at 10,000 draws is under 0.005).
    totals.forEach((c, i) => expect(Math.abs(c / (rounds * 5) - weights[i]!)).toBeLessThan(0.02));
  });

  it('refuses weights that cannot be normalised', () => {
    expect(() => multinomialResample([], 2, Math.random)).toThrow(/at least one/);
    expect(() => multinomialResample([1, -1], 2, Math.random)).toThrow(/non-negative/);
    expect(() => multinomialResample([0, 0], 2, Math.random)).toThrow(/all be zero/);
    expect(() => multinomialResample([1, Number.NaN], 2, Math.random)).toThrow(/finite/);
  });

  it('counts offspring and the effective sample size', () => {
    expect(offspringCounts([0, 0, 2, 2, 2], 4)).toEqual([2, 0, 3, 0]);
    expect(effectiveSampleSize([1, 1, 1, 1])).toBeCloseTo(4, 12);
    expect(effectiveSampleSize([1, 0, 0])).toBeCloseTo(1, 12);
    // [0.5, 0.25, 0.25]: 1 / (0.25 + 0.0625 + 0.0625) = 2.666...
    expect(effectiveSampleSize([2, 1, 1])).toBeCloseTo(8 / 3, 12);
  });
});
