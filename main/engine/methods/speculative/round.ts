// What every speculative round does after verification, shared by the methods: push the accepted
// tokens and the final token through the sink (stopping where it says), describe the round as a
// draft_round event, bound how deep a round may draft near the token limit, and the shared model check.
import { WorkbenchError } from '../../../../app/errors';
import type { DraftRoundEvent, DraftTreeNode, TokenSource } from '../../../../app/events';
import type { KvCache } from '../../runtime/kv-cache';
import type { LoadedModel } from '../../runtime/loaded-model';
import { chooseToken } from '../../runtime/sampling';
import type { MethodContext } from '../context';
import type { AcceptanceTally } from './metrics';
import type { ChainOutcome } from './rejection';
import { DraftTree } from './tree';
import type { NodeStatus } from './verify';

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
  extra?: Pick<DraftRoundEvent, 'matrixHits' | 'exitLayer' | 'draftLength' | 'layerAcceptance' | 'gamma'>;
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

/**
 * The start every draft-model method shares: prefill target and draft with the prompt, then choose
 * and emit the target's first token (the first round's root). Null when that token ended generation.
 */
export async function startWithDraft(ctx: MethodContext, tally: AcceptanceTally): Promise<{ cache: KvCache; draftCache: KvCache; root: number } | null> {
  const { cache, logits } = await ctx.prefill('target', ctx.promptIds);
  tally.targetForwardPasses++;
  const draftCache = (await ctx.prefill('draft', ctx.promptIds)).cache;
  tally.draftForwardPasses++;
  const first = chooseToken(logits, ctx.sampling, ctx.rng);
  if (ctx.sink.push(first.id, ctx.stats('target', logits, first.id), 'target')) return null;
  return { cache, draftCache, root: first.id };
}

/** One verified chain round (chain speculative sampling, DEL): what it drafted and how it ended. */
export interface ChainRound {
  round: number;
  tokenIndex: number;
  target: LoadedModel;
  drafted: readonly number[];
  /** Draft probability of each drafted token. */
  q: readonly number[];
  /** The target's logits at fed position i (the root is position 0). */
  targetLogits: (i: number) => ArrayLike<number>;
  /** The target's shown distribution at position i (for node probabilities). */
  targetShown: (i: number) => ArrayLike<number>;
  outcome: ChainOutcome;
  draftMs: number;
  verifyMs: number;
  extra: RoundDescription['extra'];
}

/** Records a verified chain round, pushes its tokens and emits its draft_round event. */
export function finishChainRound(ctx: MethodContext, tally: AcceptanceTally, c: ChainRound): Emission {
  const n = c.drafted.length;
  const k = c.outcome.accepted;
  tally.record({ drafted: n, accepted: k, depth: n, draftMs: c.draftMs, verifyMs: c.verifyMs });
  const emission = pushRound(ctx, 'target', [
    ...c.drafted.slice(0, k).map((id, i) => ({ id, logits: c.targetLogits(i), source: 'draft_accepted' as const })),
    { id: c.outcome.final, logits: c.targetLogits(k), source: c.outcome.finalKind },
  ]);
  ctx.emit(
    roundEvent({
      round: c.round,
      tokenIndex: c.tokenIndex,
      tree: DraftTree.chain(c.drafted),
      model: c.target,
      status: chainStatus(n, k),
      q: c.q,
      p: c.drafted.map((x, i) => c.targetShown(i)[x]),
      path: Array.from({ length: k }, (_, i) => i),
      final: emission.finalReached ? { id: c.outcome.final, kind: c.outcome.finalKind } : null,
      emitted: emission.emitted,
      verifyMode: 'chain',
      draftMs: c.draftMs,
      verifyMs: c.verifyMs,
      extra: c.extra,
    }),
  );
  return emission;
}

/** Chain statuses: the first `accepted` tokens accepted, the next rejected, the rest never examined. */
export function chainStatus(length: number, accepted: number): NodeStatus[] {
  return Array.from({ length }, (_, i) => (i < accepted ? 'accepted' : i === accepted ? 'rejected' : 'unverified'));
}

/** Refuses models that cannot roll back (no KV cache inputs). */
export function requireKvCache(method: string, role: string, model: LoadedModel): void {
  if (!model.info.capabilities.kvCache) {
    throw new WorkbenchError('method_unsupported', `${method} needs a KV cache to roll back rejected drafts: the ${role} model ${model.info.name} has no past_key_values inputs`);
  }
}
