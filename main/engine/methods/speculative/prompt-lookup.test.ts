// Prompt lookup's n-gram matching on hand-made token sequences (transformers' rules: longest n-gram
// first, earliest occurrence with a non-empty continuation, at most numTokens, cut before an end of
// turn), and the verifier's rule for deterministic proposals: a proposed token passes with p(x) and
// a rejection redraws from p without it, so the output is p (greedy identity and the distribution
// under sampling on the real models are in exactness.test.ts and distribution.test.ts).
import { describe, expect, it } from 'vitest';
import { SamplingRng } from '../../runtime/sampling';
import { lookupCandidates } from './prompt-lookup';
import { Distributions, acceptChain, plantResidualForTesting } from './rejection';
import { chiSquareTest } from './test-support';

const none = new Set<number>();

describe('lookupCandidates', () => {
  it('continues the earliest earlier occurrence of the last n-gram', () => {
    // ... 1 2 [3 4 5] ... 1 2 -> after the first "1 2": 3 4 5
    expect(lookupCandidates([1, 2, 3, 4, 5, 9, 1, 2], 3, 2, none)).toEqual([3, 4, 5]);
    // The earliest match wins even when a later one exists.
    expect(lookupCandidates([7, 1, 8, 1, 9, 1], 2, 1, none)).toEqual([8, 1]);
  });

  it('prefers the longest n-gram, falling back to shorter ones', () => {
    // "5 1" occurs once before (-> 6); "1" alone occurs first before 2.
    expect(lookupCandidates([1, 2, 5, 1, 6, 0, 5, 1], 1, 2, none)).toEqual([6]);
    expect(lookupCandidates([1, 2, 5, 1, 6, 0, 5, 1], 1, 1, none)).toEqual([2]);
    expect(lookupCandidates([1, 2, 3, 4, 0, 9, 3, 4], 5, 8, none)).toEqual([0, 9, 3, 4]);
  });

  it('proposes nothing without a match, stops at the end of what exists and before an end of turn', () => {
    expect(lookupCandidates([1, 2, 3, 4], 4, 2, none)).toEqual([]);
    expect(lookupCandidates([5], 4, 2, none)).toEqual([]);
    expect(lookupCandidates([3, 3], 10, 2, none)).toEqual([3]); // only what follows the earlier 3
    expect(lookupCandidates([1, 2, 0, 3, 1], 4, 1, new Set([0]))).toEqual([2]);
    expect(lookupCandidates([1, 0, 3, 1], 4, 1, new Set([0]))).toEqual([]); // the match wins, cut to nothing
  });
});

describe('verifying a deterministic proposal (q one-hot)', () => {
  const p = [0.5, 0.3, 0.2];
  const logits = p.map(Math.log);
  const table = new Map(p.map((v, i) => [String(i), v] as [string, number]));

  function firstTokens(proposed: number, n: number) {
    const target = new Distributions(() => logits, { temperature: 1, topK: 0, topP: 1 });
    const rng = new SamplingRng(3);
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const o = acceptChain([proposed], [null], target, rng);
      const first = String(o.accepted === 1 ? proposed : o.final);
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    return counts;
  }

  it('gives p whatever is proposed; redrawing from p instead of the residual is caught', () => {
    for (const proposed of [0, 2]) expect(chiSquareTest(firstTokens(proposed, 20000), table).pValue).toBeGreaterThan(1e-3);
    plantResidualForTesting((pk) => Float64Array.from(pk));
    try {
      expect(chiSquareTest(firstTokens(0, 20000), table).pValue).toBeLessThan(1e-6);
    } finally {
      plantResidualForTesting(null);
    }
  });
});
