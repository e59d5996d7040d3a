// The sampling rules on small hand-made distributions: the residual, chain acceptance (greedy and
// sampled, including a chi-square check that the output is p and that the same check rejects the
// classic bug of redrawing from p instead of the residual), Gumbel-top-k without replacement, and RSD's
// recursive rejection over siblings.
import { describe, expect, it } from 'vitest';
import { SamplingRng, sampleIndex } from '../../runtime/sampling';
import { Distributions, acceptChain, acceptProbability, excludeAndRenormalise, gumbelTopK, recursiveReject, residual } from './rejection';
import { chiSquareTest } from './test-support';

const p = [0.5, 0.3, 0.2, 0];
const q = [0.2, 0.3, 0.1, 0.4];
const asTable = (dist: readonly number[]) => new Map(dist.map((v, i) => [String(i), v] as [string, number]).filter(([, v]) => v > 0));
const logitsOf = (dist: readonly number[]) => dist.map((v) => (v > 0 ? Math.log(v) : -1e9));

describe('residual and acceptance', () => {
  it('residual(p, q) = norm(max(0, p - q))', () => {
    // max(0, p - q) = [0.3, 0, 0.1, 0] -> / 0.4
    const r = residual(p, q);
    expect([...r].map((x) => +x.toFixed(12))).toEqual([0.75, 0, 0.25, 0]);
    expect([...residual([0.5, 0.5], [0.5, 0.5])]).toEqual([0.5, 0.5]); // nothing to correct: p itself
  });

  it('accepts with min(1, p/q)', () => {
    expect(acceptProbability(p, q, 0)).toBe(1);
    expect(acceptProbability(p, q, 1)).toBe(1);
    expect(acceptProbability(p, q, 3)).toBe(0);
    expect(acceptProbability([0.1, 0.9], [0.4, 0.6], 0)).toBeCloseTo(0.25, 12);
  });

  it('greedy chains pass while the draft equals the argmax, then take the argmax', () => {
    const rows = [
      [0, 3, 1],
      [5, 0, 0],
      [0, 0, 2],
    ];
    const target = new Distributions((i) => rows[i]!, { temperature: 0, topK: 0, topP: 1 });
    const rng = new SamplingRng(1);
    expect(acceptChain([1, 0], [null, null], target, rng)).toEqual({ accepted: 2, final: 2, finalKind: 'bonus' });
    expect(acceptChain([1, 2], [null, null], target, rng)).toEqual({ accepted: 1, final: 0, finalKind: 'resampled' });
    expect(acceptChain([2, 0], [null, null], target, rng)).toEqual({ accepted: 0, final: 1, finalKind: 'resampled' });
  });

  it('one sampled token from a chain round is distributed as p; redrawing from p instead of the residual is caught', () => {
    const n = 20000;
    const target = new Distributions(() => logitsOf(p), { temperature: 1, topK: 0, topP: 1 });
    const right = new Map<string, number>();
    const wrong = new Map<string, number>();
    const rng = new SamplingRng(7);
    for (let i = 0; i < n; i++) {
      const x = sampleIndex(q, rng.next());
      const o = acceptChain([x], [q], target, rng);
      const first = o.accepted === 1 ? x : o.final;
      right.set(String(first), (right.get(String(first)) ?? 0) + 1);
      const bad = rng.next() < acceptProbability(p, q, x) ? x : sampleIndex(p, rng.next());
      wrong.set(String(bad), (wrong.get(String(bad)) ?? 0) + 1);
    }
    expect(chiSquareTest(right, asTable(p)).pValue).toBeGreaterThan(1e-3);
    expect(chiSquareTest(wrong, asTable(p)).pValue).toBeLessThan(1e-6);
  });
});

describe('Gumbel-top-k', () => {
  it('draws distinct tokens from the support only, fewer when the support is small', () => {
    const rng = new SamplingRng(3);
    for (let i = 0; i < 200; i++) {
      const draw = gumbelTopK(q, 3, rng);
      expect(new Set(draw).size).toBe(3);
      expect(draw.every((x) => q[x]! > 0)).toBe(true);
    }
    expect(gumbelTopK([0, 1, 0], 3, rng)).toEqual([1]);
  });

  it('is sampling without replacement: P(x1, x2) = q(x1) q(x2) / (1 - q(x1))', () => {
    const n = 40000;
    const rng = new SamplingRng(11);
    const pairs = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const [a, b] = gumbelTopK(q, 2, rng);
      pairs.set(`${a},${b}`, (pairs.get(`${a},${b}`) ?? 0) + 1);
    }
    const exact = new Map<string, number>();
    q.forEach((qa, a) =>
      q.forEach((qb, b) => {
        if (a !== b && qa > 0 && qb > 0) exact.set(`${a},${b}`, (qa * qb) / (1 - qa));
      }),
    );
    expect(chiSquareTest(pairs, exact).pValue).toBeGreaterThan(1e-3);
    // The same counts are not those of drawing with replacement (q(x1) q(x2), renormalised off the diagonal).
    const withReplacement = new Map([...exact.keys()].map((k) => [k, k.split(',').map(Number).reduce((s, i) => s * q[i]!, 1)] as [string, number]));
    const total = [...withReplacement.values()].reduce((a, b) => a + b, 0);
    for (const [k, v] of withReplacement) withReplacement.set(k, v / total);
    expect(chiSquareTest(pairs, withReplacement).pValue).toBeLessThan(1e-6);
  });

  it('excludes drawn tokens and renormalises', () => {
    expect([...excludeAndRenormalise(q, [3])].map((x) => +x.toFixed(12))).toEqual([1 / 3, 0.5, 1 / 6, 0].map((x) => +x.toFixed(12)));
  });
});

describe('recursive rejection sampling over siblings', () => {
  it('accepts a sibling when p^(k) covers it: hand-computed second-sibling acceptance', () => {
    // Siblings [3, 0]: sibling 3 has p = 0, always rejected; then p2 = norm(max(0, p - q)) = [0.75, 0, 0.25, 0],
    // q2 = q without 3 = [1/3, 1/2, 1/6, 0]; sibling 0 passes with min(1, 0.75 / (1/3)) = 1.
    const rng = new SamplingRng(5);
    for (let i = 0; i < 50; i++) expect(recursiveReject(p, q, [3, 0], rng)).toEqual({ acceptedIndex: 1, final: null, examined: 2 });
  });

  it.each([1, 2, 3])('outputs p for %i siblings drawn without replacement', (b) => {
    const n = 20000;
    const rng = new SamplingRng(100 + b);
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const siblings = gumbelTopK(q, b, rng);
      const o = recursiveReject(p, q, siblings, rng);
      const out = o.acceptedIndex >= 0 ? siblings[o.acceptedIndex]! : o.final!;
      counts.set(String(out), (counts.get(String(out)) ?? 0) + 1);
    }
    expect(chiSquareTest(counts, asTable(p)).pValue).toBeGreaterThan(1e-3);
  });
});
