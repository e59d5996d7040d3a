import { describe, expect, it } from 'vitest';
import type { DraftRoundEvent, DraftTreeNode } from '@app/events';
import { FINAL_ID, buildRoundTree, finalTokenProbability, flattenTree, rootTextOf, roundShape, tokenLabel } from './tree-model';

function node(id: number, parent: number, depth: number, text: string, status: DraftTreeNode['status'], p?: number): DraftTreeNode {
  return { id, parent, depth, token: 100 + id, text, status, ...(p !== undefined ? { p } : {}) };
}

// root ─┬─ 0 "a" (accepted) ─┬─ 2 "c" (accepted) ── 5 "f" (rejected)
//       │                    └─ 3 "d" (rejected)
//       └─ 1 "b" (rejected) ──── 4 "e" (unverified)
const round: DraftRoundEvent = {
  kind: 'draft_round',
  round: 3,
  tokenIndex: 2,
  nodes: [
    node(0, -1, 1, 'a', 'accepted', 0.9),
    node(1, -1, 1, 'b', 'rejected', 0.05),
    node(2, 0, 2, 'c', 'accepted', 0.8),
    node(3, 0, 2, 'd', 'rejected', 0.1),
    node(4, 1, 2, 'e', 'unverified'),
    node(5, 2, 3, 'f', 'rejected', 0.2),
  ],
  acceptedPath: [0, 2],
  finalToken: { id: 7, text: 'g', kind: 'resampled' },
  emitted: 3,
  verifyMode: 'tree',
  draftMs: 0.1,
  verifyMs: 5,
};

describe('buildRoundTree', () => {
  it('nests nodes under the root in id order with depths', () => {
    const t = buildRoundTree(round, 'R');
    expect(t.text).toBe('R');
    expect(t.children.map((c) => c.key)).toEqual(['n0', 'n1']);
    expect(t.children[0]!.children.map((c) => c.key)).toEqual(['n2', 'n3']);
    expect(t.children[1]!.children.map((c) => c.key)).toEqual(['n4']);
    expect(flattenTree(t).map((d) => d.depth)).toEqual([0, 1, 2, 3, 3, 2, 1, 2]);
  });

  it('marks the accepted path and hangs the final token below its last node', () => {
    const t = buildRoundTree(round, 'R');
    const path = flattenTree(t).filter((d) => d.onPath).map((d) => d.key);
    expect(path).toEqual(['root', 'n0', 'n2', 'final']);
    const c = t.children[0]!.children[0]!;
    expect(c.children.map((d) => d.key)).toEqual(['n5', 'final']);
    const final = c.children[1]!;
    expect(final).toMatchObject({ id: FINAL_ID, kind: 'final', status: 'resampled', text: 'g', depth: 3 });
  });

  it('puts the final token under the root when nothing was accepted', () => {
    const t = buildRoundTree({ ...round, acceptedPath: [], finalToken: { id: 1, text: 'x', kind: 'resampled' } }, 'R');
    expect(t.children.map((c) => c.key)).toEqual(['n0', 'n1', 'final']);
  });

  it('has no final node when the round stopped before it', () => {
    const { finalToken: _, ...noFinal } = round;
    expect(flattenTree(buildRoundTree(noFinal, 'R')).some((d) => d.kind === 'final')).toBe(false);
  });

  it('collapses a subtree, counting what it hides', () => {
    const t = buildRoundTree(round, 'R', { collapsed: new Set([1]) });
    const b = t.children[1]!;
    expect(b.collapsed).toBe(true);
    expect(b.children).toEqual([]);
    expect(b.hiddenDescendants).toBe(1);
  });

  it('never collapses the accepted path away', () => {
    const t = buildRoundTree(round, 'R', { collapsed: new Set([0]) });
    expect(t.children[0]!.collapsed).toBe(false);
    expect(flattenTree(t).some((d) => d.key === 'final')).toBe(true);
  });

  it('hides unverified and rejected branches but keeps the path', () => {
    const a = buildRoundTree(round, 'R', { hideUnverified: true });
    expect(flattenTree(a).map((d) => d.key)).toEqual(['root', 'n0', 'n2', 'n5', 'final', 'n3', 'n1']);
    expect(a.children[1]!.hiddenDescendants).toBe(1);
    const b = buildRoundTree(round, 'R', { hideRejected: true, hideUnverified: true });
    expect(flattenTree(b).map((d) => d.key)).toEqual(['root', 'n0', 'n2', 'final']);
    // n1 (with its child n4) hidden below the root, n3 below n0, n5 below n2.
    expect(b.hiddenDescendants).toBe(2);
    expect(b.children[0]!.hiddenDescendants).toBe(1);
  });

  it('recognises a node that passed but lost to a deeper path', () => {
    // b passed verification (its child e was examined and rejected) but a-c was deeper.
    const r: DraftRoundEvent = { ...round, nodes: round.nodes.map((n) => (n.id === 4 ? { ...n, status: 'rejected' as const } : n)) };
    const t = buildRoundTree(r, 'R');
    expect(t.children[1]!.passedOffPath).toBe(true);
    expect(t.children[0]!.children[1]!.passedOffPath).toBe(false);
  });

  it('attaches nodes with an unknown parent to the root', () => {
    const r: DraftRoundEvent = { ...round, nodes: [node(0, -1, 1, 'a', 'accepted'), node(1, 9, 2, 'z', 'unverified')], acceptedPath: [0] };
    expect(buildRoundTree(r, 'R').children.map((c) => c.key)).toEqual(['n0', 'n1']);
  });
});

describe('helpers', () => {
  it('finds the root token in the stream', () => {
    const tokens = [
      { index: 0, text: 'x' },
      { index: 1, text: 'y' },
    ];
    expect(rootTextOf({ tokenIndex: 2 }, tokens)).toBe('y');
    expect(rootTextOf({ tokenIndex: 0 }, tokens)).toBe('⟨prompt⟩');
    expect(rootTextOf({ tokenIndex: 9 }, tokens)).toBe('⟨…⟩');
  });

  it('reads the final token probability from its token event', () => {
    // round.tokenIndex 2, two accepted: the final token is token 4.
    const tokens = [0, 1, 2, 3, 4].map((index) => ({ index, id: index === 4 ? 7 : 0, logprob: index === 4 ? Math.log(0.25) : 0 }));
    expect(finalTokenProbability(round, tokens)).toBeCloseTo(0.25);
    expect(finalTokenProbability(round, tokens.slice(0, 4))).toBeNull();
    expect(finalTokenProbability({ ...round, finalToken: { id: 9, text: 'z', kind: 'bonus' } }, tokens)).toBeNull();
  });

  it('makes whitespace visible', () => {
    expect(tokenLabel('\n')).toBe('⏎');
    expect(tokenLabel(' =')).toBe('·=');
    expect(tokenLabel('')).toBe('∅');
  });

  it('summarises the shape of a round', () => {
    expect(roundShape(round)).toEqual({ accepted: 2, rejected: 3, unverified: 1, depth: 3, widest: 3 });
  });
});
