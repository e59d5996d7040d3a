// Recursive Speculative Decoding, constant branching (RSD-C; Jeon et al., ICML 2024): the draft model
// grows a tree level by level, drawing b_l distinct children per node without replacement
// (Gumbel-top-k over its processed distribution) and keeping its full distributions; the target
// verifies the tree in one pass; recursive rejection sampling walks down from the root, trying each
// node's children in draw order (methods.md 4c), which reproduces the target's distribution exactly.
// Greedy decoding keeps the rule (the target is one-hot, so any draft is exact) but draws the top-b
// children of the draft's own distribution, since its one-hot processed distribution would collapse
// the tree to a chain.
import type { MethodConfigOf } from '../../../../app/methods';
import type { KvCache } from '../../runtime/kv-cache';
import type { LoadedModel } from '../../runtime/loaded-model';
import { logitsRow } from '../../runtime/loaded-model';
import type { SamplingRng } from '../../runtime/sampling';
import { processedDistribution, sampleIndex } from '../../runtime/sampling';
import type { MethodImplementation } from '../context';
import { AcceptanceTally } from './metrics';
import { Distributions, gumbelTopK, recursiveReject, softmax } from './rejection';
import { draftDepthLimit, pushRound, requireKvCache, roundEvent, startWithDraft } from './round';
import { topIds } from './token-recycling';
import { DraftTree, ROOT, fedIndex } from './tree';
import type { NodeStatus, TreeOutcome, TreeVerifyRequest } from './verify';
import { acceptTreeGreedy, noteVerifyMode, resolveVerifyMode, supportsTreeAttention, verifyTree } from './verify';

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

/** Sampling-mode RSD verification: recursive rejection over siblings from the root down. */
function acceptTreeRecursive(tree: DraftTree, target: Distributions, draftDist: Map<number, Float64Array>, rng: SamplingRng): TreeOutcome {
  const status: NodeStatus[] = tree.nodes.map(() => 'unverified');
  const path: number[] = [];
  let current = ROOT;
  for (;;) {
    const kids = tree.children(current);
    const p = target.processed(fedIndex(current));
    if (kids.length === 0) {
      return { path, final: sampleIndex(p, rng.next()), finalKind: 'bonus', status };
    }
    const o = recursiveReject(
      p,
      draftDist.get(current)!,
      kids.map((id) => tree.nodes[id]!.token),
      rng,
    );
    for (let i = 0; i < o.examined; i++) status[kids[i]!] = i === o.acceptedIndex ? 'accepted' : 'rejected';
    if (o.acceptedIndex < 0) return { path, final: o.final!, finalKind: 'resampled', status };
    current = kids[o.acceptedIndex]!;
    path.push(current);
  }
}

export interface RsdOptions {
  /** 'auto' uses tree attention when the target supports it; 'batch' forces the path-batch fallback. */
  verify?: TreeVerifyRequest;
}

/** RSD-C with the given verification options. */
export function createRsd(options: RsdOptions = {}): MethodImplementation<Config> {
  const request = options.verify ?? 'auto';
  return {
    check(_config, models) {
      requireKvCache('RSD', 'target', models.target!);
      requireKvCache('RSD', 'draft', models.draft!);
    },

    async run(ctx) {
      const target = ctx.models.target!;
      const draft = ctx.models.draft!;
      const { sampling, config } = ctx;
      const greedy = sampling.temperature === 0;
      const mode = resolveVerifyMode(target, request);
      noteVerifyMode(ctx, target, request);
      const tally = new AcceptanceTally();

      const start = await startWithDraft(ctx, tally);
      if (!start) return tally.toMetrics();
      const { cache, draftCache } = start;
      let root = start.root;
      // Accepted tokens before the root that the draft cache has not seen yet (it never commits tree nodes).
      let draftBehind: number[] = [];
      for (let round = 0; !ctx.signal.cancelled; round++) {
        const tokenIndex = ctx.sink.count;
        const depth = Math.min(config.params.branching.length, draftDepthLimit(ctx));

        const draftStart = performance.now();
        const feed = [...draftBehind, root];
        const r0 = await draft.forward(draftCache, feed);
        tally.draftForwardPasses++;
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
          tally.draftForwardPasses++;
          next.forEach((id, i) => remember(id, rows[i]!));
          level = next;
        }
        const draftMs = performance.now() - draftStart;

        const v = await verifyTree(target, cache, root, tree, mode);
        tally.targetForwardPasses++;
        const dists = new Distributions(v.logitsAt, sampling);
        const outcome = greedy ? acceptTreeGreedy(tree, v.logitsAt) : acceptTreeRecursive(tree, dists, draftDist, ctx.rng);
        v.commit(cache, outcome.path);
        draftBehind = outcome.path.map((id) => tree.nodes[id]!.token);

        tally.record({ drafted: tree.size, accepted: outcome.path.length, depth: tree.maxDepth, draftMs, verifyMs: v.ms });
        const last = outcome.path.length > 0 ? outcome.path[outcome.path.length - 1]! : ROOT;
        const emission = pushRound(ctx, 'target', [
          ...outcome.path.map((id) => ({ id: tree.nodes[id]!.token, logits: v.logitsAt(fedIndex(tree.nodes[id]!.parent)), source: 'draft_accepted' as const })),
          { id: outcome.final, logits: v.logitsAt(fedIndex(last)), source: outcome.finalKind },
        ]);
        ctx.emit(
          roundEvent({
            round,
            tokenIndex,
            tree,
            model: target,
            status: outcome.status,
            q: tree.nodes.map((n) => (greedy ? draftShown : draftDist).get(n.parent)![n.token]),
            p: tree.nodes.map((n) => (outcome.status[n.id] === 'unverified' ? undefined : dists.shown(fedIndex(n.parent))[n.token])),
            path: outcome.path,
            final: emission.finalReached ? { id: outcome.final, kind: outcome.finalKind } : null,
            emitted: emission.emitted,
            verifyMode: v.mode,
            draftMs,
            verifyMs: v.ms,
          }),
        );
        if (emission.stopped) break;
        root = outcome.final;
      }
      return tally.toMetrics();
    },
  };
}

/** RSD-C as registered in the engine (tree attention when the target has it). */
export const rsd = createRsd();
