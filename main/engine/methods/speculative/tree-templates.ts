// Token Recycling's static tree templates: each node is a path of candidate indices from the root
// ([i1, ..., id]: the id-th candidate of its parent's token), kept in breadth-first order.
//
// 'tr-80' is the paper's default "2.2.2" tree (Luowaterbi/TokenRecycling, model/recycling/
// tree_template_.py): 80 nodes over 6 levels of 8, 21, 25, 15, 8 and 3 nodes, skewed toward
// candidate 0. Every node's children there are candidates 0..n-1 of its token, so it is written here
// as the number of children of each node, level by level (the root's first, then each level's nodes in
// breadth-first order). The smaller trees are not from the paper: 'tr-40' and 'tr-20' keep the 40 / 20
// nodes of tr-80 with the highest prior path score (the product over the path of 0.8 / (index + 1),
// ties in breadth-first order), which keeps ancestors before descendants; 'chain-8' follows candidate 0
// for 8 levels.
import { WorkbenchError } from '@app/errors';

export type TreeTemplatePaths = number[][];

/** Children per node of the 2.2.2 tree, level by level (the root first). */
const TR80_CHILDREN: readonly (readonly number[])[] = [
  [8],
  [8, 4, 3, 2, 1, 1, 1, 1],
  [8, 3, 2, 1, 1, 1, 1, 1, 2, 1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0],
  [5, 2, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0],
  [3, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0],
  [2, 0, 0, 1, 0, 0, 0, 0],
];

/** Expands per-level child counts into breadth-first paths. */
function fromChildCounts(levels: readonly (readonly number[])[]): TreeTemplatePaths {
  let frontier: number[][] = [[]];
  const paths: number[][] = [];
  for (const counts of levels) {
    if (counts.length !== frontier.length) throw new Error(`template level has ${counts.length} counts for ${frontier.length} nodes`);
    const next: number[][] = [];
    frontier.forEach((parent, i) => {
      for (let c = 0; c < counts[i]!; c++) next.push([...parent, c]);
    });
    paths.push(...next);
    frontier = next;
  }
  return paths;
}

/** A prior chance that a path is accepted: candidate i of a row passes with 0.8 / (i + 1). */
function priorScore(path: readonly number[]): number {
  return path.reduce((s, i) => (s * 0.8) / (i + 1), 1);
}

/** The `n` highest-scoring nodes of a template, in breadth-first order. */
function pruneTo(paths: TreeTemplatePaths, n: number): TreeTemplatePaths {
  const ranked = paths.map((p, i) => ({ p, i, s: priorScore(p) })).sort((a, b) => b.s - a.s || a.i - b.i);
  return ranked
    .slice(0, n)
    .sort((a, b) => a.i - b.i)
    .map((r) => r.p);
}

const TR80 = fromChildCounts(TR80_CHILDREN);

export const namedTemplates: Record<'tr-80' | 'tr-40' | 'tr-20' | 'chain-8', TreeTemplatePaths> = {
  'tr-80': TR80,
  'tr-40': pruneTo(TR80, 40),
  'tr-20': pruneTo(TR80, 20),
  'chain-8': Array.from({ length: 8 }, (_, d) => new Array<number>(d + 1).fill(0)),
};

/**
 * A template from the config: a name, or explicit paths. Explicit paths are sorted breadth-first
 * (depth, then given order) and must contain every prefix of every path, with indices below k.
 */
export function resolveTemplate(tree: string | readonly (readonly number[])[], k: number): TreeTemplatePaths {
  const paths = typeof tree === 'string' ? namedTemplates[tree as keyof typeof namedTemplates] : tree.map((p) => [...p]);
  if (!paths) throw new WorkbenchError('method_unsupported', `unknown tree template "${String(tree)}" (choose ${Object.keys(namedTemplates).join(', ')} or give paths)`);
  const ordered = paths.map((p, i) => ({ p, i })).sort((a, b) => a.p.length - b.p.length || a.i - b.i).map((x) => x.p);
  const seen = new Set<string>();
  for (const p of ordered) {
    const key = p.join(',');
    if (seen.has(key)) throw new WorkbenchError('method_unsupported', `the tree template lists path [${key}] twice`);
    if (p.length > 1 && !seen.has(p.slice(0, -1).join(','))) {
      throw new WorkbenchError('method_unsupported', `the tree template has path [${key}] but not its parent [${p.slice(0, -1).join(',')}]`);
    }
    const tooBig = p.find((i) => i >= k);
    if (tooBig !== undefined) throw new WorkbenchError('method_unsupported', `the tree template uses candidate ${tooBig} but the matrix keeps only k = ${k} per token`);
    seen.add(key);
  }
  return ordered;
}
