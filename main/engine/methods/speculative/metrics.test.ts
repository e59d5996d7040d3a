// Metric definitions on a hand-computed example (vLLM / Spec-Bench names), and the adaptive-gamma rule.
import { describe, expect, it } from 'vitest';
import { nextGamma } from './chain';
import { AcceptanceTally } from './metrics';
import { branchingForBudget, treeSize } from './rsd';
import { chiSquarePValue } from './test-support';

describe('AcceptanceTally', () => {
  it('computes mean acceptance length, unconditional per-position acceptance and draft acceptance rate', () => {
    const t = new AcceptanceTally();
    // Three rounds of gamma 4: accepted 4, 1, 0 (then one round of a 2-token chain, accepted 2).
    t.record({ drafted: 4, accepted: 4, depth: 4, draftMs: 1, verifyMs: 3 });
    t.record({ drafted: 4, accepted: 1, depth: 4, draftMs: 1, verifyMs: 3 });
    t.record({ drafted: 4, accepted: 0, depth: 4, draftMs: 1, verifyMs: 3 });
    t.record({ drafted: 2, accepted: 2, depth: 2, draftMs: 0.5, verifyMs: 2 });
    t.targetForwardPasses = 5;
    t.draftForwardPasses = 15;
    const m = t.toMetrics();
    expect(m.rounds).toBe(4);
    expect(m.draftTokens).toBe(14);
    expect(m.acceptedTokens).toBe(7);
    expect(m.meanAcceptanceLength).toBe(1 + 7 / 4); // 2.75, the bonus / corrected token included
    // position 0: rounds 1, 2, 4; position 1: rounds 1, 4; positions 2, 3: round 1 only
    expect(m.perPositionAcceptance).toEqual([3 / 4, 2 / 4, 1 / 4, 1 / 4]);
    expect(m.draftAcceptanceRate).toBe(7 / 14);
    expect(m.draftMs).toBe(3.5);
    expect(m.verifyMs).toBe(11);
    expect(m.targetForwardPasses).toBe(5);
    expect(m.draftForwardPasses).toBe(15);
  });

  it('omits the rates when nothing was drafted', () => {
    const m = new AcceptanceTally().toMetrics();
    expect(m.rounds).toBe(0);
    expect(m.meanAcceptanceLength).toBeUndefined();
    expect(m.draftAcceptanceRate).toBeUndefined();
  });
});

describe('adaptive gamma and RSD budgets', () => {
  it('adds 2 after a fully accepted round, removes 1 otherwise, within 1..16', () => {
    expect(nextGamma(4, 4, 4)).toBe(6);
    expect(nextGamma(4, 4, 3)).toBe(3);
    expect(nextGamma(1, 1, 0)).toBe(1);
    expect(nextGamma(15, 15, 15)).toBe(16);
  });

  it('sizes RSD-C trees and fits a tree to a chain budget', () => {
    expect(treeSize([3, 2, 2, 1])).toBe(3 + 6 + 12 + 12);
    expect(branchingForBudget(4, 2)).toEqual([2, 1]); // 2 + 2 = 4 nodes: the budget of a gamma-4 chain
    expect(branchingForBudget(8, 3)).toEqual([2, 1, 2]); // 2 + 2 + 4 = 8 (3 at the top would need 9)
    expect(branchingForBudget(2, 4)).toEqual([1, 1]);
  });

  it('chi-square p-values match tables', () => {
    expect(chiSquarePValue(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquarePValue(18.307, 10)).toBeCloseTo(0.05, 3);
    expect(chiSquarePValue(29.588, 10)).toBeCloseTo(0.001, 4);
    expect(chiSquarePValue(124.342, 100)).toBeCloseTo(0.05, 3);
  });
});
