// Chain speculative sampling (Leviathan et al. 2023; Chen et al. 2023): the draft model proposes gamma
// tokens one pass at a time, the target scores [root, ...drafts] in one pass, tokens pass with
// min(1, p/q) on the processed distributions of both models (greedy: while the draft equals the
// target's argmax), a rejection is replaced from the residual and a fully accepted chain earns a bonus
// token. The draft keeps its own KV cache, rolled back to the accepted prefix after each round.
// Gamma is fixed, or adapted per round (+2 when all passed, -1 otherwise, within 1..16).
import type { MethodConfigOf } from '../../../../app/methods';
import { logitsRow } from '../../runtime/loaded-model';
import { argmax, processedDistribution, sampleIndex } from '../../runtime/sampling';
import type { MethodImplementation } from '../context';
import { AcceptanceTally } from './metrics';
import { Distributions, acceptChain, softmax } from './rejection';
import { draftDepthLimit, finishChainRound, requireKvCache, startWithDraft } from './round';

const MIN_GAMMA = 1;
const MAX_GAMMA = 16;

/** Gamma for the next round under the adaptive schedule (HF's "heuristic" schedule). */
export function nextGamma(gamma: number, drafted: number, accepted: number): number {
  return accepted === drafted ? Math.min(MAX_GAMMA, gamma + 2) : Math.max(MIN_GAMMA, gamma - 1);
}

/** Chain speculative sampling as registered in the engine. */
export const chainSpeculative: MethodImplementation<MethodConfigOf<'chain_sd'>> = {
  check(_config, models) {
    requireKvCache('speculative sampling', 'target', models.target!);
    requireKvCache('speculative sampling', 'draft', models.draft!);
  },

  async run(ctx) {
    const target = ctx.models.target!;
    const draft = ctx.models.draft!;
    const { sampling } = ctx;
    const greedy = sampling.temperature === 0;
    const tally = new AcceptanceTally();

    const start = await startWithDraft(ctx, tally);
    if (!start) return tally.toMetrics();
    const { cache, draftCache } = start;
    let root = start.root;
    // Committed tokens before the root that the draft cache has not seen (a fully accepted chain's last token).
    let draftBehind: number[] = [];
    let gamma = ctx.config.params.gamma;
    for (let round = 0; !ctx.signal.cancelled; round++) {
      const length = Math.min(gamma, draftDepthLimit(ctx));
      const tokenIndex = ctx.sink.count;

      const draftStart = performance.now();
      const drafted: number[] = [];
      const draftDists: Float64Array[] = [];
      const q: number[] = [];
      let feed = [...draftBehind, root];
      let afterRoot = 0;
      for (let i = 0; i < length; i++) {
        const r = await draft.forward(draftCache, feed);
        tally.draftForwardPasses++;
        draftCache.commit(r.present, feed);
        if (i === 0) afterRoot = draftCache.length;
        const row = logitsRow(r, feed.length - 1);
        const dist = processedDistribution(row, sampling);
        const x = greedy ? argmax(row) : sampleIndex(dist, ctx.rng.next());
        drafted.push(x);
        draftDists.push(dist);
        q.push(greedy ? softmax(row)[x]! : dist[x]!);
        feed = [x];
        if (draft.tokenizer.eosIds.has(x)) break; // nothing follows an end of turn: stop drafting
      }
      const draftMs = performance.now() - draftStart;
      const n = drafted.length;

      const fed = [root, ...drafted];
      const verifyStart = performance.now();
      const r = await target.forward(cache, fed);
      const verifyMs = performance.now() - verifyStart;
      tally.targetForwardPasses++;
      const dists = new Distributions((i) => logitsRow(r, i), sampling);
      const outcome = acceptChain(drafted, draftDists, dists, ctx.rng);
      const k = outcome.accepted;
      cache.commit(r.present, fed, Array.from({ length: k + 1 }, (_, i) => i));

      // The draft cache holds the root and drafts 0..n-2: keep the accepted ones, owe the rest.
      const held = Math.min(k, n - 1);
      draftCache.truncate(afterRoot + held);
      draftBehind = drafted.slice(held, k);

      const emission = finishChainRound(ctx, tally, {
        round,
        tokenIndex,
        target,
        drafted,
        q,
        targetLogits: (i) => logitsRow(r, i),
        targetShown: (i) => dists.shown(i),
        outcome,
        draftMs,
        verifyMs,
        extra: { gamma: length },
      });
      if (emission.stopped) break;
      root = outcome.final;
      if (ctx.config.params.adaptiveGamma) gamma = nextGamma(gamma, n, k);
    }
    return tally.toMetrics();
  },
};
