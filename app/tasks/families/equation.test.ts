import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { applyOperator, formatEquation, nearbyWrongNumber, parseEquation } from './equation';

describe('equations', () => {
  it('evaluate the four operators', () => {
    expect([applyOperator(6, '+', 3), applyOperator(6, '-', 3), applyOperator(6, '*', 3), applyOperator(6, '/', 3)]).toEqual([9, 3, 18, 2]);
  });

  it('round-trip through their text', () => {
    const e = { left: 28, operator: '/' as const, right: 4, result: 7 };
    expect(formatEquation(e)).toBe('28 / 4 = 7');
    expect(parseEquation(formatEquation(e))).toEqual(e);
    expect(parseEquation('28 / 4 = ')).toBeNull();
    expect(parseEquation('b = 7 + 5 = 12')).toBeNull();
  });

  it('give wrong numbers that are near, non-negative and never the right one', () => {
    const rng = new Rng(1);
    for (let correct = 0; correct < 300; correct++) {
      const wrong = nearbyWrongNumber(correct, rng);
      expect(wrong).not.toBe(correct);
      expect(wrong).toBeGreaterThanOrEqual(0);
      expect(Math.abs(wrong - correct)).toBeLessThanOrEqual(10);
    }
  });
});
