import { describe, expect, it } from 'vitest';
import { itemResampleAccuracy, modelResampleAccuracy, resampleAccuracyCurve, resamplingBound, verifierRates } from './imperfect-verifier';

const s = (accepted: boolean, correct: boolean) => ({ accepted, correct });

describe('imperfect verifiers (fLaws)', () => {
  it('counts false positives, completeness and precision', () => {
    const rates = verifierRates([s(true, true), s(true, true), s(false, true), s(true, false), s(false, false), s(false, false), s(false, false)]);
    expect(rates.falsePositiveRate).toBeCloseTo(1 / 4, 12);
    expect(rates.completeness).toBeCloseTo(2 / 3, 12);
    expect(rates.precision).toBeCloseTo(2 / 3, 12);
  });

  it('model accuracy approaches the bound c r / (c r + (1-r) fpr)', () => {
    // The authors' example task: r = 0.13, c = 1, s = 0.75 (fpr 0.25). beta = 0.75 * 0.87 = 0.6525.
    expect(modelResampleAccuracy(0.13, 1, 0.25, 1)).toBeCloseTo(0.13, 12);
    expect(modelResampleAccuracy(0.13, 1, 0.25, 2)).toBeCloseTo(0.13 * (1 + 0.6525), 12);
    const bound = resamplingBound(0.13, 1, 0.25)!;
    expect(bound).toBeCloseTo(0.13 / (0.13 + 0.87 * 0.25), 12);
    expect(modelResampleAccuracy(0.13, 1, 0.25, 500)).toBeCloseTo(bound, 9);
    // A perfect verifier reaches 1.
    expect(resamplingBound(0.13, 1, 0)).toBe(1);
  });

  it('empirical accuracy is exact over every order of the stored samples', () => {
    // 4 samples: accepted&right, accepted&wrong, rejected, rejected.
    const item = [s(true, true), s(true, false), s(false, false), s(false, true)];
    // k=1: P(first is accepted) = 2/4, right half the time -> 1/4.
    expect(itemResampleAccuracy(item, 1)).toBeCloseTo(0.25, 12);
    // k=2: 1 - C(2,2)/C(4,2) = 5/6 -> 5/12.
    expect(itemResampleAccuracy(item, 2)).toBeCloseTo(5 / 12, 12);
    expect(itemResampleAccuracy(item, 3)).toBeCloseTo(0.5, 12);
    // Brute force over all 24 orders for k = 2 agrees.
    const perms = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
    let right = 0;
    const all = perms([0, 1, 2, 3]);
    for (const order of all) {
      const first = order.slice(0, 2).find((i) => item[i]!.accepted);
      if (first !== undefined && item[first]!.correct) right++;
    }
    expect(itemResampleAccuracy(item, 2)).toBeCloseTo(right / all.length, 12);
    const { curve, limit } = resampleAccuracyCurve([item, [s(false, true)]], 4);
    expect(curve[0]).toBeCloseTo(0.125, 12);
    expect(limit).toBeCloseTo(0.25, 12);
  });
});
