// Recursive Speculative Decoding, constant branching (RSD-C; Jeon et al., ICML 2024) as a proposer:
// the draft model grows a tree level by level, drawing b_l distinct children per node without
// replacement (Gumbel-top-k over its processed distribution) and keeping its full distributions; the
// round loop verifies the tree in one pass and the shared recursive rejection sampling walks down from
// the root, trying each node's children in draw order (methods.md 4c), which reproduces the target's
// distribution exactly.
// Greedy decoding keeps the rule (the target is one-hot, so any draft is exact) but draws the top-b
// children of the draft's own distribution, since its one-hot processed distribution would collapse
// the tree to a chain.
import type { MethodConfigOf } from '@app/methods';
import type { KvCache } from '../../runtime/kv-cache';
import type { LoadedModel } from '../../runtime/loaded-model';
import { logitsRow } from '../../runtime/loaded-model';
import { processedDistribution } from '../../runtime/sampling';
import type { MethodContext, MethodImplementation } from '../context';
import type { Proposer } from './proposer';
import { gumbelTopK, softmax } from './rejection';
import { requireKvCache, runSpeculative } from './round';
import { topIds } from './token-recycling';
import { DraftTree, ROOT } from './tree';
import type { TreeVerifyRequest } from './verify';
import { supportsTreeAttention } from './verify';

type Config = MethodConfigOf<'rsd'>;

/** Nodes of an RSD-C tree with these branching factors (b1 + b1*b2 + ...). */
export function treeSize(branching: readonly number[]): number {
  let size = 0;
  let level = 1;
  for (const b of branching) {
    level *= b;
    size += level;
  }
  return size;
}

/**
 * Branching factors for an "equal target budget" comparison: a tree of `depth` levels whose node count
 * is at most `budget` (the tokens a chain of that length makes the target verify), widest at the top.
 */
export function branchingForBudget(budget: number, depth: number): number[] {
  const branching = new Array<number>(depth).fill(1);
  if (treeSize(branching) > budget) return new Array<number>(Math.max(1, budget)).fill(1);
  for (let level = 0; level < depth; level++) {
    while (branching[level]! < 8) {
      branching[level]!++;
      if (treeSize(branching) > budget) {
        branching[level]!--;
        break;
      }
    }
  }
  return branching;
}

/** The draft's logits at each of `ids` (tree nodes below the cache's root), one pass for the tree so far. */
async function draftLogitsAt(draft: LoadedModel, cache: KvCache, tree: DraftTree, ids: readonly number[]): Promise<Float32Array[]> {
  if (supportsTreeAttention(draft)) {
    const r = await draft.forward(
      cache,
      tree.nodes.map((n) => n.token),
      { parents: tree.nodes.map((n) => n.parent) },
    );
    return ids.map((id) => logitsRow(r, id));
  }
  const rows = ids.map((id) => tree.pathTo(id).map((n) => tree.nodes[n]!.token));
  const results = await draft.forwardBatch(cache, rows);
  return results.map((r, i) => logitsRow(r, rows[i]!.length - 1));
}

export interface RsdOptions {
  /** 'auto' uses tree attention when the target supports it; 'batch' forces the path-batch fallback. */
  verify?: TreeVerifyRequest;
}

/** The RSD-C tree proposer of one run: a tree drawn level by level from the draft model. */
export function rsdProposer(ctx: MethodContext<Config>, verify: TreeVerifyRequest): Proposer {
  const draft = ctx.models.draft!;
  const { sampling, config } = ctx;
  const greedy = sampling.temperature === 0;
  let draftCache: KvCache;
  // Accepted tokens before the root that the draft cache has not seen yet (it never commits tree nodes).
  let draftBehind: number[] = [];
  return {
    shape: 'tree',
    verify,

    async start() {
      draftCache = (await ctx.prefill('draft', ctx.promptIds)).cache;
      return 1;
    },

    async propose({ root, maxDepth }) {
      const depth = Math.min(config.params.branching.length, maxDepth);
      const feed = [...draftBehind, root];
      const r0 = await draft.forward(draftCache, feed);
      let passes = 1;
      draftCache.commit(r0.present, feed);
      // Per node (ROOT included): the distribution its children were drawn from, and the one shown.
      const draftDist = new Map<number, Float64Array>();
      const draftShown = new Map<number, Float64Array>();
      const remember = (id: number, row: Float32Array) => {
        const shown = softmax(row);
        draftShown.set(id, shown);
        draftDist.set(id, greedy ? shown : processedDistribution(row, sampling));
      };
      remember(ROOT, logitsRow(r0, feed.length - 1));
      const tree = new DraftTree();
      let level = [ROOT];
      for (let l = 0; l < depth; l++) {
        const next: number[] = [];
        for (const parent of level) {
          const dist = draftDist.get(parent)!;
          const children = greedy ? topIds(dist, config.params.branching[l]!) : gumbelTopK(dist, config.params.branching[l]!, ctx.rng);
          for (const token of children) next.push(tree.add(token, parent));
        }
        if (l === depth - 1 || next.length === 0) break;
        const rows = await draftLogitsAt(draft, draftCache, tree, next);
        passes++;
        next.forEach((id, i) => remember(id, rows[i]!));
        level = next;
      }
      return {
        tree,
        distributions: draftDist,
        q: tree.nodes.map((n) => (greedy ? draftShown : draftDist).get(n.parent)![n.token]),
        draftPasses: passes,
      };
    },

    verified({ proposal, outcome }) {
      draftBehind = outcome.path.map((id) => proposal.tree.nodes[id]!.token);
    },
  };
}

/** RSD-C with the given verification options. */
export function createRsd(options: RsdOptions = {}): MethodImplementation<Config> {
  const request = options.verify ?? 'auto';
  return {
    check(_config, models) {
      requireKvCache('RSD', 'target', models.target!);
      requireKvCache('RSD', 'draft', models.draft!);
    },

    run: (ctx) => runSpeculative(ctx, rsdProposer(ctx, request)),
  };
}

/** RSD-C as registered in the engine (tree attention when the target has it). */
export const rsd = createRsd();
