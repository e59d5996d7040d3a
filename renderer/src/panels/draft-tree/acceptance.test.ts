import { describe, expect, it } from 'vitest';
import type { DraftRoundEvent } from '@app/events';
import { acceptanceLengthHistogram, perPositionFor, roundAcceptance, summarizeAcceptance } from './acceptance';

/** A chain round of `length` drafted tokens with the first `accepted` accepted. */
function chain(round: number, length: number, accepted: number): DraftRoundEvent {
  return {
    kind: 'draft_round',
    round,
    tokenIndex: round * 10,
    nodes: Array.from({ length }, (_, i) => ({ id: i, parent: i - 1, depth: i + 1, token: i, text: `t${i}`, status: i < accepted ? 'accepted' : i === accepted ? 'rejected' : 'unverified' })),
    acceptedPath: Array.from({ length: accepted }, (_, i) => i),
    finalToken: { id: 1, text: 'f', kind: accepted === length ? 'bonus' : 'resampled' },
    emitted: accepted + 1,
    verifyMode: 'chain',
    draftMs: 2,
    verifyMs: 10,
  };
}

describe('summarizeAcceptance', () => {
  it('computes the vLLM statistics by hand', () => {
    // gamma 4; accepted 4, 1, 0, 2 -> accepted 7 of 16 drafted over 4 rounds.
    const s = summarizeAcceptance([chain(0, 4, 4), chain(1, 4, 1), chain(2, 4, 0), chain(3, 4, 2)]);
    expect(s.rounds).toBe(4);
    expect(s.draftTokens).toBe(16);
    expect(s.acceptedTokens).toBe(7);
    expect(s.meanAcceptanceLength).toBeCloseTo(1 + 7 / 4);
    // position 0 reached by rounds accepting >=1: 3 of 4; pos 1 (>=2): 2; pos 2 (>=3): 1; pos 3: 1.
    expect(s.perPositionAcceptance).toEqual([0.75, 0.5, 0.25, 0.25]);
    expect(s.draftAcceptanceRate).toBeCloseTo(7 / 16);
    expect(s.draftMs).toBe(8);
    expect(s.verifyMs).toBe(40);
  });

  it('is empty before the first round', () => {
    expect(summarizeAcceptance([])).toMatchObject({ rounds: 0, meanAcceptanceLength: null, perPositionAcceptance: [], draftAcceptanceRate: null });
  });

  it('uses the deepest position of any round for tree rounds', () => {
    // A tree round with depth 3 where one node at depth 1 was accepted.
    const tree: DraftRoundEvent = {
      ...chain(0, 1, 1),
      nodes: [
        { id: 0, parent: -1, depth: 1, token: 0, text: 'a', status: 'accepted' },
        { id: 1, parent: -1, depth: 1, token: 1, text: 'b', status: 'rejected' },
        { id: 2, parent: 0, depth: 2, token: 2, text: 'c', status: 'rejected' },
        { id: 3, parent: 2, depth: 3, token: 3, text: 'd', status: 'unverified' },
      ],
      acceptedPath: [0],
    };
    const s = summarizeAcceptance([tree, chain(1, 2, 2)]);
    expect(s.perPositionAcceptance).toEqual([1, 0.5, 0]);
    expect(s.meanAcceptanceLength).toBe(1 + 3 / 2);
    expect(s.draftAcceptanceRate).toBe(3 / 6);
  });
});

describe('rounds', () => {
  it('gives per-round acceptance lengths and their histogram', () => {
    const rows = roundAcceptance([chain(0, 4, 4), chain(1, 4, 1), chain(2, 4, 1)]);
    expect(rows.map((r) => r.acceptanceLength)).toEqual([5, 2, 2]);
    expect(rows.map((r) => r.depth)).toEqual([4, 4, 4]);
    expect(acceptanceLengthHistogram(rows)).toEqual([0, 0, 2, 0, 0, 1]);
  });

  it('prefers the recorded metric over the computed one', () => {
    expect(perPositionFor({ perPositionAcceptance: [0.9] } as never, [chain(0, 2, 0)])).toEqual({ values: [0.9], source: 'metrics' });
    expect(perPositionFor(null, [chain(0, 2, 1)])).toEqual({ values: [1, 0], source: 'rounds' });
  });
});
