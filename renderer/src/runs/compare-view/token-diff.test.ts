import { describe, expect, it } from 'vitest';
import { diffAgainst, diffStreams, firstDifference, MAX_ALIGNED_TOKENS } from './token-diff';

const t = (s: string) => s.split(' ');

describe('diffAgainst', () => {
  it('marks nothing for identical streams', () => {
    const d = diffAgainst(t('a b c'), t('a b c'));
    expect(d.marks).toEqual(['same', 'same', 'same']);
    expect(d.firstDivergence).toBeNull();
  });

  it('marks an inserted token and keeps the rest aligned', () => {
    const d = diffAgainst(t('the answer is 4'), t('the final answer is 4'));
    expect(d.marks).toEqual(['same', 'diff', 'same', 'same', 'same']);
    expect(d.firstDivergence).toBe(1);
    expect(d.common).toBe(4);
  });

  it('marks a replaced token in the middle', () => {
    const d = diffAgainst(t('x = 3 + 4 = 7'), t('x = 3 + 5 = 8'));
    expect(d.marks).toEqual(['same', 'same', 'same', 'same', 'diff', 'same', 'diff']);
  });

  it('marks tokens past the end of a shorter reference', () => {
    expect(diffAgainst(t('a b'), t('a b c d')).marks).toEqual(['same', 'same', 'diff', 'diff']);
  });

  it('falls back to positions beyond the cap', () => {
    const long = Array.from({ length: MAX_ALIGNED_TOKENS + 1 }, (_, i) => `t${i}`);
    const shifted = ['x', ...long.slice(0, -1)];
    const d = diffAgainst(long, shifted);
    expect(d.positional).toBe(true);
    expect(d.marks.every((m) => m === 'diff')).toBe(true);
  });
});

describe('diffStreams', () => {
  it('marks reference tokens another stream lacks', () => {
    const [ref, other] = diffStreams([t('a b c'), t('a c')]);
    expect(ref!.marks).toEqual(['same', 'diff', 'same']);
    expect(other!.marks).toEqual(['same', 'same']);
    expect(ref!.firstDivergence).toBe(1);
  });
});

describe('firstDifference', () => {
  it('counts a length difference', () => {
    expect(firstDifference(t('a b'), t('a b c'))).toBe(2);
    expect(firstDifference(t('a b'), t('a b'))).toBeNull();
  });
});
