// The draft tree and Token Recycling's templates: structure (parents, depths, BFS order, paths, the
// `parents` array fed to the target), the tr-80 template's shape (80 nodes, levels 8/21/25/15/8/3,
// skewed to candidate 0), the smaller templates, template validation, filling from the matrix with
// hit counting, and the matrix's top-k rows.
import { describe, expect, it } from 'vitest';
import type { WorkbenchError } from '@app/errors';
import { depthsOf } from '../../runtime/loaded-model';
import { RecyclingMatrix, compileTemplate, fillTemplate, topIds } from './token-recycling';
import { namedTemplates, resolveTemplate } from './tree-templates';
import { DraftTree, ROOT } from './tree';

function levelSizes(paths: number[][]): number[] {
  const sizes: number[] = [];
  for (const p of paths) sizes[p.length - 1] = (sizes[p.length - 1] ?? 0) + 1;
  return sizes;
}

describe('DraftTree', () => {
  // root -> a(0) -> c(2) -> e(4)
  //      -> b(1) -> d(3)
  const tree = new DraftTree();
  const a = tree.add(10, ROOT);
  const b = tree.add(11, ROOT);
  const c = tree.add(12, a);
  const d = tree.add(13, b);
  const e = tree.add(14, c);

  it('keeps parents, depths, children and paths', () => {
    expect(tree.nodes.map((n) => n.depth)).toEqual([1, 1, 2, 2, 3]);
    expect(tree.children(ROOT)).toEqual([a, b]);
    expect(tree.children(a)).toEqual([c]);
    expect(tree.pathTo(e)).toEqual([a, c, e]);
    expect(tree.leaves()).toEqual([d, e]);
    expect(tree.leafPaths()).toEqual([
      [b, d],
      [a, c, e],
    ]);
    expect(tree.maxDepth).toBe(3);
    expect(tree.levelSizes()).toEqual([2, 2, 1]);
    expect(tree.isChain).toBe(false);
  });

  it('lays out [root, ...nodes] with the parents array forward() expects', () => {
    expect(tree.feedTokens(99)).toEqual([99, 10, 11, 12, 13, 14]);
    const parents = tree.feedParents();
    expect(parents).toEqual([-1, 0, 0, 1, 2, 3]);
    // The runtime turns it into depths: the root at 1 (position past), each node one deeper than its parent.
    expect(depthsOf(parents)).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it('orders breadth-first and cuts by depth', () => {
    const t = new DraftTree();
    const x = t.add(1, ROOT);
    t.add(2, x);
    t.add(3, ROOT);
    expect(t.bfsOrder()).toEqual([0, 2, 1]);
    const cut = tree.cut(2);
    expect(cut.size).toBe(4);
    expect(cut.feedParents()).toEqual([-1, 0, 0, 1, 2]);
  });

  it('rejects a parent that does not exist yet', () => {
    expect(() => new DraftTree().add(1, 0)).toThrow(/does not exist/);
  });

  it('builds chains', () => {
    const chain = DraftTree.chain([5, 6, 7]);
    expect(chain.isChain).toBe(true);
    expect(chain.feedParents()).toEqual([-1, 0, 1, 2]);
    expect(chain.leafPaths()).toEqual([[0, 1, 2]]);
  });
});

describe('Token Recycling templates', () => {
  it("tr-80 is the paper's 2.2.2 tree: 80 nodes on levels of 8, 21, 25, 15, 8, 3, skewed to candidate 0", () => {
    const t = namedTemplates['tr-80'];
    expect(t).toHaveLength(80);
    expect(levelSizes(t)).toEqual([8, 21, 25, 15, 8, 3]);
    // Candidate 0's subtree holds most of the tree, and the deepest path follows candidate 0 throughout.
    expect(t.filter((p) => p[0] === 0).length).toBe(49);
    expect(t).toContainEqual([0, 0, 0, 0, 0, 0]);
    expect(t.slice(0, 8)).toEqual([[0], [1], [2], [3], [4], [5], [6], [7]]);
    // Each node's children are candidates 0..n-1 of its token.
    for (const p of t) if (p[p.length - 1]! > 0) expect(t).toContainEqual([...p.slice(0, -1), p[p.length - 1]! - 1]);
  });

  it.each([
    ['tr-40', 40],
    ['tr-20', 20],
    ['chain-8', 8],
  ] as const)('%s has %i nodes, closed under prefixes and breadth-first', (name, size) => {
    const t = namedTemplates[name];
    expect(t).toHaveLength(size);
    expect(resolveTemplate(name, 8)).toEqual(t);
    const keys = new Set(t.map((p) => p.join(',')));
    for (const p of t) if (p.length > 1) expect(keys.has(p.slice(0, -1).join(','))).toBe(true);
    for (let i = 1; i < t.length; i++) expect(t[i]!.length).toBeGreaterThanOrEqual(t[i - 1]!.length);
  });

  it('sorts explicit paths breadth-first and refuses broken ones', () => {
    expect(resolveTemplate([[0, 0], [1], [0]], 8)).toEqual([[1], [0], [0, 0]]);
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e as WorkbenchError;
      }
      throw new Error('did not throw');
    };
    expect(err(() => resolveTemplate([[0, 1]], 8)).message).toMatch(/not its parent \[0\]/);
    expect(err(() => resolveTemplate([[0], [0]], 8)).message).toMatch(/twice/);
    expect(err(() => resolveTemplate([[9]], 8)).code).toBe('method_unsupported');
  });

  it('fills nodes from the rows of their parent tokens and counts rows written before', () => {
    const m = new RecyclingMatrix(16, 2);
    const logits = (best: number, second: number) => Array.from({ length: 16 }, (_, i) => (i === best ? 2 : i === second ? 1 : 0));
    m.update(5, logits(7, 8));
    m.update(7, logits(9, 3));
    const template = compileTemplate([[0], [1], [0, 0], [0, 1], [1, 0]]);
    const { tree, hits } = fillTemplate(template, m, 5, 6);
    expect(tree.nodes.map((n) => n.token)).toEqual([7, 8, 9, 3, 0]); // row 8 was never written: zeros
    expect(tree.feedParents()).toEqual([-1, 0, 0, 1, 1, 2]);
    expect(hits).toBe(4);
    // Near the token limit the template is cut by depth.
    expect(fillTemplate(template, m, 5, 1).tree.size).toBe(2);
  });

  it('topIds returns the k largest, largest first, lower index on ties', () => {
    expect(topIds([0.1, 5, 3, 5, -1, 4], 3)).toEqual([1, 3, 5]);
    expect(topIds([1, 2], 4)).toEqual([1, 0]);
  });
});
