// The one round loop of speculative decoding (in the spirit of vLLM's spec_decode: proposers propose,
// one rejection sampler verifies): prefill the target and emit its first token, then per round ask
// the proposer for a draft, verify it with the target in one pass (or a batch of paths), accept with
// the shared rules of rejection.ts, commit the accepted path into the target's KV cache, let the
// proposer roll its own state forward, push the tokens through the sink (stopping where it says),
// tally the metrics and describe the round as a draft_round event. Also the shared model check.
import { WorkbenchError } from '@app/errors';
import type { DraftRoundEvent, DraftTreeNode, TokenSource } from '@app/events';
import type { LoadedModel } from '../../runtime/loaded-model';
import { chooseToken } from '../../runtime/sampling';
import type { MethodContext, MethodMetrics } from '../context';
import { AcceptanceTally } from './metrics';
import type { Proposer, RoundExtra } from './proposer';
import type { NodeStatus } from './rejection';
import { Distributions, acceptTree } from './rejection';
import type { DraftTree } from './tree';
import { ROOT, fedIndex } from './tree';
import type { VerifyMode } from './verify';
import { noteVerifyMode, resolveVerifyMode, verifyTree } from './verify';

export interface FinalToken {
  id: number;
  /** The target's logits at the position the token was chosen from (for its statistics). */
  logits: ArrayLike<number>;
  source: TokenSource;
}

export interface Emission {
  /** The sink stopped generation (end-of-turn, limit, stop string). */
  stopped: boolean;
  /** Tokens the sink recorded this round. */
  emitted: number;
  /** Whether the round's final token was reached (pushed, or was the end-of-turn that stopped it). */
  finalReached: boolean;
}

/** Pushes a round's tokens in order until the sink stops; the rest of the round is discarded. */
export function pushRound(ctx: MethodContext, role: string, tokens: readonly FinalToken[]): Emission {
  const before = ctx.sink.count;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (ctx.sink.push(t.id, ctx.stats(role, t.logits, t.id), t.source)) {
      return { stopped: true, emitted: ctx.sink.count - before, finalReached: i === tokens.length - 1 };
    }
  }
  return { stopped: false, emitted: ctx.sink.count - before, finalReached: true };
}

/**
 * The deepest draft a round may verify: what can still be emitted (the final token takes one place)
 * and what stays inside the context window. At least one, so every round verifies something.
 */
export function draftDepthLimit(ctx: MethodContext): number {
  const remaining = ctx.sampling.maxNewTokens - ctx.sink.count;
  return Math.max(1, remaining - 1);
}

/** Everything a draft_round event reports about one round. */
export interface RoundDescription {
  round: number;
  tokenIndex: number;
  tree: DraftTree;
  model: LoadedModel;
  status: readonly NodeStatus[];
  /** Draft and target probabilities of each node's token, when the method has them. */
  q?: readonly (number | undefined)[];
  p?: readonly (number | undefined)[];
  path: readonly number[];
  final: { id: number; kind: 'bonus' | 'resampled' } | null;
  emitted: number;
  verifyMode: DraftRoundEvent['verifyMode'];
  draftMs: number;
  verifyMs: number;
  extra?: RoundExtra;
}

/** The draft_round event of a round. */
export function roundEvent(d: RoundDescription): DraftRoundEvent {
  const nodes: DraftTreeNode[] = d.tree.nodes.map((n) => ({
    id: n.id,
    parent: n.parent,
    depth: n.depth,
    token: n.token,
    text: d.model.tokenizer.piece(n.token),
    ...(d.q?.[n.id] !== undefined ? { q: d.q[n.id] } : {}),
    ...(d.p?.[n.id] !== undefined ? { p: d.p[n.id] } : {}),
    status: d.status[n.id]!,
  }));
  return {
    kind: 'draft_round',
    round: d.round,
    tokenIndex: d.tokenIndex,
    nodes,
    acceptedPath: [...d.path],
    ...(d.final ? { finalToken: { id: d.final.id, text: d.model.tokenizer.piece(d.final.id), kind: d.final.kind } } : {}),
    emitted: d.emitted,
    verifyMode: d.verifyMode,
    draftMs: d.draftMs,
    verifyMs: d.verifyMs,
    ...d.extra,
  };
}

/** Refuses models that cannot roll back (no KV cache inputs). */
export function requireKvCache(method: string, role: string, model: LoadedModel): void {
  if (!model.info.capabilities.kvCache) {
    throw new WorkbenchError('method_unsupported', `${method} needs a KV cache to roll back rejected drafts: the ${role} model ${model.info.name} has no past_key_values inputs`);
  }
}

/**
 * Runs speculative decoding with `proposer` against the target (role 'target'): the loop every
 * speculative method shares. Returns the acceptance metrics (vLLM / Spec-Bench definitions).
 */
export async function runSpeculative(ctx: MethodContext, proposer: Proposer): Promise<MethodMetrics> {
  const target = ctx.models.target!;
  const { sampling } = ctx;
  const mode: VerifyMode = proposer.shape === 'chain' ? 'chain' : resolveVerifyMode(target, proposer.verify ?? 'auto');
  if (proposer.shape === 'tree') noteVerifyMode(ctx, target, proposer.verify ?? 'auto');
  const tally = new AcceptanceTally();

  const { cache, logits } = await ctx.prefill('target', ctx.promptIds);
  tally.targetForwardPasses++;
  tally.draftForwardPasses += (await proposer.start?.(logits)) ?? 0;
  const first = chooseToken(logits, sampling, ctx.rng);
  if (ctx.sink.push(first.id, ctx.stats('target', logits, first.id), 'target')) return tally.toMetrics();

  let root = first.id;
  const tokens = [...ctx.promptIds, root];
  for (let round = 0; !ctx.signal.cancelled; round++) {
    const tokenIndex = ctx.sink.count;
    const draftStart = performance.now();
    const proposal = await proposer.propose({ round, root, maxDepth: draftDepthLimit(ctx), targetCache: cache, tokens });
    const draftMs = performance.now() - draftStart;
    tally.draftForwardPasses += proposal.draftPasses;
    const { tree } = proposal;

    const v = await verifyTree(target, cache, root, tree, mode, proposer.passOptions);
    tally.targetForwardPasses++;
    const dists = new Distributions(v.logitsAt, sampling);
    const outcome = acceptTree(tree, dists, proposal.distributions, ctx.rng);
    v.commit(cache, outcome.path);
    proposer.verified?.({ root, proposal, outcome, verification: v, target: dists });

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
        ...(proposal.q ? { q: proposal.q } : {}),
        p: targetProbabilities(tree, outcome.status, dists, proposer.shape === 'chain'),
        path: outcome.path,
        final: emission.finalReached ? { id: outcome.final, kind: outcome.finalKind } : null,
        emitted: emission.emitted,
        verifyMode: v.mode,
        draftMs,
        verifyMs: v.ms,
        ...(proposal.extra ? { extra: proposal.extra } : {}),
      }),
    );
    if (emission.stopped) break;
    root = outcome.final;
    for (const id of outcome.path) tokens.push(tree.nodes[id]!.token);
    tokens.push(root);
  }
  return tally.toMetrics();
}

/**
 * The target's (shown) probability of each node's token, for the trace: every node of a chain (the
 * target scored them all), only the verified nodes of a tree (the others' parents were never on the
 * output).
 */
function targetProbabilities(tree: DraftTree, status: readonly NodeStatus[], dists: Distributions, all: boolean): (number | undefined)[] {
  return tree.nodes.map((n) => (all || status[n.id] !== 'unverified' ? dists.shown(fedIndex(n.parent))[n.token] : undefined));
}
