import { describe, expect, it } from 'vitest';
import { greedyLabel } from './spec';
import { spread } from './spec-sampling';

describe('sampling bench helpers', () => {
  it('gives mean and sample standard deviation, ignoring missing values', () => {
    const s = spread([1, 2, 3, null]);
    expect(s.mean).toBe(2);
    expect(s.sd).toBeCloseTo(1, 12);
    expect(spread([5])).toEqual({ mean: 5, sd: null });
    expect(spread([null])).toEqual({ mean: null, sd: null });
  });

  it('labels greedy RSD rows as the fixed top-b tree they are', () => {
    expect(greedyLabel({ key: 'rsd', label: 'RSD [3,2,2,1] (equal length)' })).toBe('RSD greedy top-b tree [3,2,2,1] (equal length)');
    expect(greedyLabel({ key: 'chain', label: 'chain SD, gamma 4' })).toBe('chain SD, gamma 4');
  });
});
