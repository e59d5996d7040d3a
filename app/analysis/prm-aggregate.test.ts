import { describe, expect, it } from 'vitest';
import { aggregateStepScores } from './prm-aggregate';

describe('aggregateStepScores', () => {
  const scores = [0.9, 0.35, 0.8];

  it('takes the weakest step, the product, or the last step', () => {
    expect(aggregateStepScores(scores, 'min')).toBe(0.35);
    expect(aggregateStepScores(scores, 'product')).toBeCloseTo(0.9 * 0.35 * 0.8, 12);
    expect(aggregateStepScores(scores, 'last')).toBe(0.8);
  });

  it('ranks solutions differently by rule: product punishes length, last ignores an early slip', () => {
    const long = [0.95, 0.95, 0.95, 0.95];
    const short = [0.9];
    expect(aggregateStepScores(long, 'min')).toBeGreaterThan(aggregateStepScores(short, 'min'));
    expect(aggregateStepScores(long, 'product')).toBeLessThan(aggregateStepScores(short, 'product'));
    expect(aggregateStepScores([0.1, 0.9], 'last')).toBe(0.9);
    expect(aggregateStepScores([0.1, 0.9], 'min')).toBe(0.1);
  });

  it('scores an empty solution 0 and refuses scores outside [0, 1]', () => {
    for (const how of ['min', 'product', 'last'] as const) expect(aggregateStepScores([], how)).toBe(0);
    expect(() => aggregateStepScores([0.5, 7], 'min')).toThrow(/\[0, 1\], got 7/);
    expect(() => aggregateStepScores([Number.NaN], 'last')).toThrow(/got NaN/);
  });
});
