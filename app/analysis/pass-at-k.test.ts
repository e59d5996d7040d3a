import { describe, expect, it } from 'vitest';
import { coverage, passAtK, passAtKCurve } from './pass-at-k';

describe('pass@k', () => {
  it('matches 1 - C(n-c,k)/C(n,k) computed by hand', () => {
    // n=5, c=2: k=1 -> 2/5; k=2 -> 1 - C(3,2)/C(5,2) = 1 - 3/10; k=3 -> 1 - C(3,3)/C(5,3) = 1 - 1/10; k=4 -> 1.
    expect(passAtK(5, 2, 1)).toBeCloseTo(0.4, 12);
    expect(passAtK(5, 2, 2)).toBeCloseTo(0.7, 12);
    expect(passAtK(5, 2, 3)).toBeCloseTo(0.9, 12);
    expect(passAtK(5, 2, 4)).toBe(1);
    // n=10, c=3, k=5: 1 - C(7,5)/C(10,5) = 1 - 21/252.
    expect(passAtK(10, 3, 5)).toBeCloseTo(1 - 21 / 252, 12);
    expect(passAtK(4, 0, 2)).toBe(0);
    expect(passAtK(4, 4, 1)).toBe(1);
  });

  it('is null for k outside 1..n', () => {
    expect(passAtK(3, 1, 0)).toBeNull();
    expect(passAtK(3, 1, 4)).toBeNull();
  });

  it('averages over items, each k over the items with at least k samples', () => {
    const curve = passAtKCurve([{ n: 2, c: 1 }, { n: 2, c: 0 }, { n: 1, c: 1 }], 3);
    // k=1: (0.5 + 0 + 1)/3; k=2: (1 + 0)/2 (the third item has one sample); k=3: nobody.
    expect(curve[0]).toBeCloseTo(0.5, 12);
    expect(curve[1]).toBeCloseTo(0.5, 12);
    expect(curve[2]).toBeNull();
  });

  it('coverage is the share of items solved by any sample', () => {
    expect(coverage([{ n: 3, c: 0 }, { n: 3, c: 1 }, { n: 3, c: 3 }, { n: 0, c: 0 }])).toBeCloseTo(2 / 3, 12);
    expect(coverage([])).toBeNull();
  });
});
