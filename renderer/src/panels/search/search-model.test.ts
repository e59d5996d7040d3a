import { describe, expect, it } from 'vitest';
import type { SearchNode, TraceEvent } from '@app/events';
import type { TreeDatum } from '../draft-tree/tree-model';
import { offspringOf, scoreColour, searchModelOf, searchTreeOf } from './search-model';

const node = (id: number, parent: number, depth: number, extra: Partial<SearchNode> = {}): SearchNode => ({ id, parent, depth, text: `s${id}\n`, tokens: 3, stepScore: 0.5, reward: 0.5, finished: false, ...extra });

// Two particles: step 0 writes nodes 0, 1; resampling copies particle 1 twice; step 1 writes 2, 3 under node 1.
const particleEvents: TraceEvent[] = [
  { kind: 'particle_step', step: 0, nodes: [node(0, -1, 1, { particle: 0, stepScore: 0.2 }), node(1, -1, 1, { particle: 1, stepScore: 0.9 })], particleNodes: [0, 1], weights: [0.1, 0.9], ms: 1 },
  { kind: 'resample', step: 0, scheme: 'multinomial', weights: [0.1, 0.9], ancestors: [1, 1], particleNodes: [1, 1], ess: 1.22 },
  { kind: 'particle_step', step: 1, nodes: [node(2, 1, 2, { particle: 0, finished: true }), node(3, 1, 2, { particle: 1, finished: true })], particleNodes: [2, 3], weights: [0.5, 0.5], ms: 1 },
  { kind: 'search_result', path: [1, 3], reason: 'finished', reward: 0.5, particle: 1, answer: '7' },
];

const ids = (d: TreeDatum): unknown => (d.children.length ? { [d.id]: d.children.map(ids) } : d.id);

describe('search view model', () => {
  it('groups particle steps with the resampling after them, and the tree grows stage by stage', () => {
    const m = searchModelOf(particleEvents);
    expect(m.method).toBe('particles');
    expect(m.stages).toHaveLength(2);
    expect(m.stages[0]!.kind === 'particle_step' && m.stages[0]!.resample?.ancestors).toEqual([1, 1]);
    expect(m.weightOf.get(1)).toBe(0.9);
    expect(ids(searchTreeOf(m, 0, 'score'))).toEqual({ '-1': [0, 1] });
    expect(ids(searchTreeOf(m, 1, 'score'))).toEqual({ '-1': [0, { 1: [2, 3] }] });
    expect(offspringOf(particleEvents[1] as Extract<TraceEvent, { kind: 'resample' }>)).toEqual([0, 2]);
  });

  it('marks the chosen path and colours by the chosen measure', () => {
    const m = searchModelOf(particleEvents);
    const tree = searchTreeOf(m, 1, 'weight');
    const n1 = tree.children[1]!;
    expect(n1.onPath).toBe(true);
    expect(n1.children.map((c) => c.onPath)).toEqual([false, true]);
    expect(tree.children[0]!.onPath).toBe(false);
    expect(n1.fill).toBe(scoreColour(0.9));
    expect(searchTreeOf(m, 1, 'score').children[0]!.fill).toBe(scoreColour(0.2));
    expect(n1.details?.caption).toBe('on the chosen path');
  });

  it('reads A* expansions, collapses subtrees and counts what they hide', () => {
    const events: TraceEvent[] = [
      { kind: 'expansion', order: 0, node: -1, children: [node(0, -1, 1, { f: 0.3, g: 0, h: 0.3 }), node(1, -1, 1, { f: 0.3, g: 0, h: 0.3, duplicate: true })], frontierSize: 1, tokensUsed: 6, prmCalls: 1, ms: 1 },
      { kind: 'expansion', order: 1, node: 0, children: [node(2, 0, 2), node(3, 0, 2)], frontierSize: 2, tokensUsed: 12, prmCalls: 3, ms: 1 },
    ];
    const m = searchModelOf(events);
    expect(m.method).toBe('astar');
    expect(m.expandedAt.get(0)).toBe(1);
    const tree = searchTreeOf(m, 1, 'score', new Set([0]));
    expect(tree.children[0]!.hiddenDescendants).toBe(2);
    expect(tree.children[0]!.children).toEqual([]);
    expect(tree.children[1]!.status).toBe('rejected');
    expect(scoreColour(0)).toBe('hsl(0, 55%, 62%)');
    expect(scoreColour(1)).toBe('hsl(120, 55%, 52%)');
  });
});
