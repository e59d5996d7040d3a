// The target's side of verification: one forward pass over [root, ...nodes] (a chain needs only
// causal attention; a tree uses tree attention through attention_bias + position ids), or, for graphs
// without attention_bias, every root-to-leaf path as one row of a batch (forwardBatch) — the same
// logits at every node, more compute. Also the compaction of the accepted path into the KV cache.
// Which tokens are accepted is rejection.ts's business.
import type { KvCache } from '../../runtime/kv-cache';
import type { ForwardOptions, ForwardResult, LoadedModel } from '../../runtime/loaded-model';
import { logitsRow } from '../../runtime/loaded-model';
import type { MethodContext } from '../context';
import type { DraftTree } from './tree';
import { fedIndex } from './tree';

export type TreeVerifyMode = 'tree' | 'batch';

/** How a round is verified: a chain in one causal pass, or a tree in one of the tree modes. */
export type VerifyMode = 'chain' | TreeVerifyMode;

/** How a method asks for verification: 'auto' picks tree attention when the graph supports it. */
export type TreeVerifyRequest = 'auto' | TreeVerifyMode;

/** The note a run emits when its target cannot do tree attention. */
export const BATCH_FALLBACK_NOTE = 'tree verification needs attention_bias: this model verifies paths as a batch instead';

/** Whether `model` can verify a tree in one pass (it needs attention_bias and position_ids inputs). */
export function supportsTreeAttention(model: LoadedModel): boolean {
  return model.info.capabilities.attentionBias && model.info.capabilities.positionIds;
}

/** The verification mode a request resolves to on `model`. */
export function resolveVerifyMode(model: LoadedModel, request: TreeVerifyRequest): TreeVerifyMode {
  if (request === 'auto') return supportsTreeAttention(model) ? 'tree' : 'batch';
  return request;
}

/** Notes the batch fallback at the start of a run. */
export function noteVerifyMode(ctx: MethodContext, target: LoadedModel, request: TreeVerifyRequest): void {
  if (resolveVerifyMode(target, request) !== 'batch') return;
  const message = supportsTreeAttention(target) ? 'paths are verified as a batch (forced by the method options)' : BATCH_FALLBACK_NOTE;
  ctx.emit({ kind: 'note', level: supportsTreeAttention(target) ? 'info' : 'warn', message });
}

export interface TreeVerification {
  mode: VerifyMode;
  /** The one forward pass (chain and tree modes; null for a batch of paths), for its extra outputs. */
  pass: ForwardResult | null;
  /** The target's logits after fed position i (0 = the root, fedIndex(id) = node id). */
  logitsAt(fed: number): Float32Array;
  /** Milliseconds in the target's forward pass. */
  ms: number;
  /** Commits the root and the accepted path (node ids, root to leaf) into `cache`. */
  commit(cache: KvCache, path: readonly number[]): void;
}

/**
 * Verifies `tree` below `root` after `cache` (not modifying it) in the given mode. `passOptions` go to
 * a one-pass verification (DEL asks for the exit heads' logits).
 */
export async function verifyTree(model: LoadedModel, cache: KvCache, root: number, tree: DraftTree, mode: VerifyMode, passOptions: ForwardOptions = {}): Promise<TreeVerification> {
  return mode !== 'batch' || tree.size === 0 ? verifyInOnePass(model, cache, root, tree, mode === 'chain' ? 'chain' : 'tree', passOptions) : verifyAsBatch(model, cache, root, tree);
}

async function verifyInOnePass(model: LoadedModel, cache: KvCache, root: number, tree: DraftTree, mode: 'chain' | 'tree', passOptions: ForwardOptions): Promise<TreeVerification> {
  const fed = tree.feedTokens(root);
  const t0 = performance.now();
  // A chain needs no bias (plain causal attention), which keeps it valid on graphs without attention_bias.
  const r = await model.forward(cache, fed, tree.isChain ? passOptions : { ...passOptions, parents: tree.feedParents() });
  const ms = performance.now() - t0;
  return {
    mode,
    pass: r,
    ms,
    logitsAt: (i) => logitsRow(r, i),
    commit: (c, path) => c.commit(r.present, fed, [0, ...path.map(fedIndex)]),
  };
}

async function verifyAsBatch(model: LoadedModel, cache: KvCache, root: number, tree: DraftTree): Promise<TreeVerification> {
  const paths = tree.leafPaths();
  const rows = paths.map((p) => [root, ...p.map((id) => tree.nodes[id]!.token)]);
  const t0 = performance.now();
  const results: ForwardResult[] = await model.forwardBatch(cache, rows);
  const ms = performance.now() - t0;
  // Where each node's logits are: the first path (row) through it, at its depth.
  const rowOf = new Int32Array(tree.size);
  for (let p = paths.length - 1; p >= 0; p--) for (const id of paths[p]!) rowOf[id] = p;
  return {
    mode: 'batch',
    pass: null,
    ms,
    logitsAt: (i) => (i === 0 ? logitsRow(results[0]!, 0) : logitsRow(results[rowOf[i - 1]!]!, tree.nodes[i - 1]!.depth)),
    commit: (c, path) => {
      // Any row through the path's last node holds the root and exactly that path as its prefix.
      const row = path.length === 0 ? 0 : rowOf[path[path.length - 1]!]!;
      c.commit(results[row]!.present, rows[row]!, Array.from({ length: path.length + 1 }, (_, i) => i));
    },
  };
}
