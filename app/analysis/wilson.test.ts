import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson';

describe('wilsonInterval', () => {
  it('matches hand-computed 95% intervals', () => {
    // 8/10: p=0.8, z²=3.8415; centre=(0.8+0.19207)/1.38415=0.71674, half=1.96·sqrt(0.016+0.0096)/1.38415=0.22658.
    const i = wilsonInterval(8, 10)!;
    expect(i.low).toBeCloseTo(0.4902, 4);
    expect(i.high).toBeCloseTo(0.9433, 4);
    // 0/10: the lower bound is 0 and the upper z²/(n+z²) = 3.8415/13.8415.
    const zero = wilsonInterval(0, 10)!;
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.2775, 4);
    // 10/10 mirrors it.
    const all = wilsonInterval(10, 10)!;
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(all.high).toBe(1);
    // 50/100: symmetric about 0.5, half-width 1.96·sqrt(0.0025+0.000096)/1.038415.
    const half = wilsonInterval(50, 100)!;
    expect(half.low).toBeCloseTo(0.4038, 4);
    expect(half.high).toBeCloseTo(0.5962, 4);
  });

  it('is null without trials or with impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(3, 2)).toBeNull();
    expect(wilsonInterval(-1, 2)).toBeNull();
  });
});
