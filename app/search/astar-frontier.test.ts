import { describe, expect, it } from 'vitest';
import { Rng } from '../tasks/random';
import { AStarFrontier, heuristicOf, pathCostOf } from './astar-frontier';

describe('A* frontier', () => {
  it('pops the lowest cost first, equal costs in creation order', () => {
    const q = new AStarFrontier<{ id: number; f: number }>();
    for (const [id, f] of [[0, 0.5], [1, 0.2], [2, 0.5], [3, 0.9], [4, 0.2], [5, 0.1]] as const) q.push({ id, f });
    expect(q.size).toBe(6);
    expect(q.peek()).toEqual({ id: 5, f: 0.1 });
    expect(q.ordered().map((n) => n.id)).toEqual([5, 1, 4, 0, 2, 3]);
    const order: number[] = [];
    for (let n = q.pop(); n; n = q.pop()) order.push(n.id);
    expect(order).toEqual([5, 1, 4, 0, 2, 3]);
    expect(q.pop()).toBeUndefined();
  });

  it('agrees with a sort on (f, id) under interleaved pushes and pops (seeded)', () => {
    const rng = new Rng(7);
    const q = new AStarFrontier<{ id: number; f: number }>();
    const shadow: { id: number; f: number }[] = [];
    let id = 0;
    for (let t = 0; t < 500; t++) {
      if (shadow.length === 0 || rng.next() < 0.6) {
        const node = { id: id++, f: Math.floor(rng.next() * 10) / 10 };
        q.push(node);
        shadow.push(node);
      } else {
        shadow.sort((a, b) => a.f - b.f || a.id - b.id);
        expect(q.pop()).toEqual(shadow.shift());
      }
    }
  });

  it('refuses a node without a cost', () => {
    expect(() => new AStarFrontier().push({ id: 0, f: Number.NaN })).toThrow(/no cost/);
  });

  it('h = 1 - r, and g adds only rises of h along the path', () => {
    expect(heuristicOf(0.8)).toBeCloseTo(0.2, 12);
    expect(pathCostOf(0, 0.2, 0.5)).toBeCloseTo(0.3, 12);
    expect(pathCostOf(0.3, 0.5, 0.1)).toBeCloseTo(0.3, 12);
  });
});
