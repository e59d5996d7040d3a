import { describe, expect, it } from 'vitest';
import { selectItems, stratumOf } from './item-selection';

// A synthetic-like set: 3 families x 2 difficulties x 5 items, in generation order (family-major).
const items = ['arithmetic', 'variables', 'swaps'].flatMap((family) => [1, 2].flatMap((difficulty) => Array.from({ length: 5 }, (_, i) => ({ id: `${family}-${difficulty}-${i}`, metadata: { family, difficulty } }))));

describe('selectItems', () => {
  it('takes the first n in order', () => {
    expect(selectItems(items, 'first', 3, 0)).toEqual(['arithmetic-1-0', 'arithmetic-1-1', 'arithmetic-1-2']);
  });

  it('picks n at random, the same for the same seed and different for another, in dataset order', () => {
    const a = selectItems(items, 'random', 6, 7);
    expect(a).toHaveLength(6);
    expect(new Set(a).size).toBe(6);
    expect(selectItems(items, 'random', 6, 7)).toEqual(a);
    expect(selectItems(items, 'random', 6, 8)).not.toEqual(a);
    const index = (id: string) => items.findIndex((i) => i.id === id);
    expect([...a].sort((x, y) => index(x) - index(y))).toEqual(a);
  });

  it('covers every family and difficulty when stratified', () => {
    const picked = selectItems(items, 'stratified', 6, 1);
    const strata = new Set(picked.map((id) => stratumOf(items.find((i) => i.id === id)!)));
    expect(strata.size).toBe(6);
  });

  it('balances strata within one when n is not a multiple', () => {
    const picked = selectItems(items, 'stratified', 14, 3);
    const counts = new Map<string, number>();
    for (const id of picked) {
      const s = stratumOf(items.find((i) => i.id === id)!);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
  });

  it('returns everything when n is empty or too large', () => {
    expect(selectItems(items, 'random', null, 0)).toHaveLength(30);
    expect(selectItems(items, 'stratified', 99, 0)).toHaveLength(30);
  });
});
