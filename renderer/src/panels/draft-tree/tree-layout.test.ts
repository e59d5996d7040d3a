import { describe, expect, it } from 'vitest';
import type { DraftRoundEvent } from '@app/events';
import { COLUMN_WIDTH, MAX_LABEL_CHARS, ROW_HEIGHT, fitLabel, fitTransform, layoutTree } from './tree-layout';
import { buildRoundTree } from './tree-model';

// root ─┬─ 0 (rejected) ── 2 (unverified)
//       └─ 1 (accepted) ─┬─ 3 (rejected)
//                        └─ final (bonus... resampled here)
const round: DraftRoundEvent = {
  kind: 'draft_round',
  round: 0,
  tokenIndex: 1,
  nodes: [
    { id: 0, parent: -1, depth: 1, token: 10, text: 'a', status: 'rejected' },
    { id: 1, parent: -1, depth: 1, token: 11, text: 'b', status: 'accepted' },
    { id: 2, parent: 0, depth: 2, token: 12, text: 'c', status: 'unverified' },
    { id: 3, parent: 1, depth: 2, token: 13, text: 'd', status: 'rejected' },
  ],
  acceptedPath: [1],
  finalToken: { id: 5, text: 'e', kind: 'resampled' },
  emitted: 2,
  verifyMode: 'tree',
  draftMs: 0,
  verifyMs: 1,
};

describe('layoutTree', () => {
  it('puts the committed path on the top row in the spine layout', () => {
    const l = layoutTree(buildRoundTree(round, 'R'));
    const at = (key: string) => l.nodes.find((n) => n.datum.key === key)!;
    for (const key of ['root', 'n1', 'final']) expect(at(key).y).toBe(0);
    expect(at('n1').x).toBe(COLUMN_WIDTH);
    expect(at('final').x).toBe(2 * COLUMN_WIDTH);
    // Leaves in order after the path: d, then a's child c (a sits on c's row).
    expect(at('n3').y).toBe(ROW_HEIGHT);
    expect(at('n2').y).toBe(2 * ROW_HEIGHT);
    expect(at('n0').y).toBe(2 * ROW_HEIGHT);
    // Path links are straight; links to later siblings are elbows.
    const link = (target: string) => l.links.find((k) => k.targetKey === target)!;
    expect(link('n1')).toMatchObject({ onPath: true, elbow: false });
    expect(link('final')).toMatchObject({ onPath: true, toFinal: true, elbow: false });
    expect(link('n0')).toMatchObject({ onPath: false, elbow: true, rejected: true });
    expect(link('n2')).toMatchObject({ unverified: true, elbow: false });
  });

  it('centres parents over children in the tidy layout', () => {
    const l = layoutTree(buildRoundTree(round, 'R'), 'tidy');
    const root = l.nodes.find((n) => n.datum.key === 'root')!;
    const kids = l.nodes.filter((n) => n.parentKey === 'root');
    expect(root.y).toBeCloseTo(kids.reduce((a, n) => a + n.y, 0) / kids.length);
    expect(l.links.every((k) => !k.elbow)).toBe(true);
  });

  it('truncates long labels and fits the tree into a viewport', () => {
    expect(fitLabel('x'.repeat(MAX_LABEL_CHARS))).toEqual({ label: 'x'.repeat(MAX_LABEL_CHARS), truncated: false });
    const cut = fitLabel('abcdefghijklmnop');
    expect(cut.truncated).toBe(true);
    expect(Array.from(cut.label)).toHaveLength(MAX_LABEL_CHARS);
    const t = fitTransform({ x0: 0, y0: 0, x1: 1000, y1: 100 }, 516, 300, 8);
    expect(t.k).toBeCloseTo(0.5);
    expect(t.x).toBeCloseTo(8);
  });
});
