// The A* loop on hand-built trees (the model writing a step stood in for by a table): expansion
// order by f = g + h with h = 1 - r, both path costs, k = 1 as plain greedy stepping, the token
// budget, duplicate siblings and the frontier cap.
import { describe, expect, it } from 'vitest';
import type { AStarCandidate, AStarOptions } from './astar-search';
import { runAStar } from './astar-search';

/** Children of each node state as [name, reward]; a depth-2 node always has one finished child "<name>!" with reward 0.9. */
function tableTree(children: Record<string, [string, number][]>) {
  return async (node: { state: string; depth: number }): Promise<AStarCandidate<string>[]> => {
    const list = node.depth >= 2 ? [[node.state + '!', 0.9] as [string, number]] : (children[node.state] ?? []);
    return list.map(([name, r]) => ({ state: name, text: name, tokens: 10, stepScore: r, reward: r, finished: name.endsWith('!'), key: name }));
  };
}

const opts = (over: Partial<AStarOptions> = {}): AStarOptions => ({ tokenBudget: 0, maxDepth: 40, pathCost: 'none', maxFrontier: 100, ...over });

async function search(tree: ReturnType<typeof tableTree>, o: AStarOptions) {
  const expanded: string[] = [];
  const names = new Map<number, string>([[-1, '(root)']]);
  const r = await runAStar('', o, {
    expand: (node) => tree(node),
    onExpansion: (e) => {
      expanded.push(names.get(e.node)!);
      for (const c of e.children) names.set(c.id, c.state);
    },
  });
  return { ...r, expanded, path: r.path.map((n) => n.state) };
}

describe('A* search loop', () => {
  it('expands the lowest f first and stops at the first finished node popped', async () => {
    // f = h: root -> a (0.4), b (0.2); b -> ba (0.7), bb (0.5); a -> a! ... (a is depth 1, so its table entry)
    const tree = tableTree({ '': [['a', 0.6], ['b', 0.8]], b: [['ba', 0.3], ['bb', 0.5]], a: [['aa!', 0.9]] });
    const r = await search(tree, opts());
    expect(r.expanded).toEqual(['(root)', 'b', 'a']);
    expect(r.path).toEqual(['a', 'aa!']);
    expect(r.reason).toBe('finished');
    expect(r.tokensUsed).toBe(50);
  });

  it('the path cost g (rises of h) changes which node is expanded next', async () => {
    const tree = tableTree({ '': [['x', 0.9], ['y', 0.7]], x: [['xa', 0.72]], y: [['ya', 0.65]] });
    // g = 0: xa (f 0.28) beats y (0.3).
    expect((await search(tree, opts())).expanded).toEqual(['(root)', 'x', 'xa']);
    // g adds 0.18 to xa (f 0.46), so y (0.3) and then ya (0.05 + 0.35) go first.
    const r = await search(tree, opts({ pathCost: 'h-increases' }));
    expect(r.expanded).toEqual(['(root)', 'x', 'y', 'ya']);
    expect(r.path).toEqual(['y', 'ya', 'ya!']);
  });

  it('with one candidate per expansion it follows the only chain (greedy stepping), whatever the rewards', async () => {
    const tree = tableTree({ '': [['s1', 0.1]], s1: [['s2', 0.05]] });
    const r = await search(tree, opts({ pathCost: 'h-increases' }));
    expect(r.path).toEqual(['s1', 's2', 's2!']);
    expect(r.expansions).toBe(3);
  });

  it('under a token budget returns the best finished node waiting, else the best partial one', async () => {
    const tree = tableTree({ '': [['p', 0.5], ['q!', 0.2]], p: [['pp', 0.6]] });
    const finishedWaiting = await search(tree, opts({ tokenBudget: 20 }));
    expect(finishedWaiting.reason).toBe('budget');
    expect(finishedWaiting.path).toEqual(['q!']);
    const partial = await search(tableTree({ '': [['p', 0.5], ['q', 0.7]] }), opts({ tokenBudget: 20 }));
    expect(partial.path).toEqual(['q']);
  });

  it('records duplicate siblings without queueing them, and caps the frontier', async () => {
    const tree = tableTree({ '': [['d', 0.9], ['d', 0.9], ['e', 0.1], ['f', 0.2]] });
    const seen: { duplicate: boolean }[][] = [];
    const sizes: number[] = [];
    await runAStar('', opts({ maxFrontier: 2 }), {
      expand: (n) => tree(n),
      onExpansion: (e) => {
        seen.push(e.children);
        sizes.push(e.frontierSize);
      },
    });
    expect(seen[0]!.map((c) => c.duplicate)).toEqual([false, true, false, false]);
    expect(sizes.every((s) => s <= 2)).toBe(true);
  });

  it('stops when cancelled', async () => {
    const r = await runAStar('', opts(), { expand: tableTree({}), cancelled: () => true });
    expect(r.reason).toBe('cancelled');
    expect(r.path).toEqual([]);
  });
});
