import { describe, expect, it } from 'vitest';
import { bestOfKAccuracy, bestOfKCurve } from './best-of-k';

describe('best-of-k by verifier score', () => {
  const item = [
    { sample: 0, score: 0.9, correct: false },
    { sample: 1, score: 0.5, correct: true },
    { sample: 2, score: 0.1, correct: true },
  ];

  it('k = 1 is the share of correct samples, k = n the top-scored one', () => {
    expect(bestOfKAccuracy(item, 1)).toBeCloseTo(2 / 3, 12);
    expect(bestOfKAccuracy(item, 3)).toBe(0);
    expect(bestOfKAccuracy(item, 4)).toBeNull();
  });

  it('matches enumeration of every k-subset', () => {
    // k=2: subsets {0,1}->0 wrong, {0,2}->0 wrong, {1,2}->1 right: 1/3.
    expect(bestOfKAccuracy(item, 2)).toBeCloseTo(1 / 3, 12);
    const many = Array.from({ length: 7 }, (_, i) => ({ sample: i, score: (i * 37) % 5, correct: i % 3 === 0 }));
    const subsets = (n: number, k: number, start = 0): number[][] =>
      k === 0 ? [[]] : Array.from({ length: n - start }, (_, i) => start + i).flatMap((i) => subsets(n, k - 1, i + 1).map((r) => [i, ...r]));
    for (let k = 1; k <= 7; k++) {
      const all = subsets(7, k);
      const right = all.filter((sub) => {
        const best = sub.map((i) => many[i]!).sort((x, y) => y.score - x.score || x.sample - y.sample)[0]!;
        return best.correct;
      }).length;
      expect(bestOfKAccuracy(many, k)).toBeCloseTo(right / all.length, 12);
    }
  });

  it('averages items with at least k samples', () => {
    expect(bestOfKCurve([item, [{ sample: 0, score: 1, correct: true }]], 2)).toEqual([expect.closeTo((2 / 3 + 1) / 2, 12), expect.closeTo(1 / 3, 12)]);
  });
});
