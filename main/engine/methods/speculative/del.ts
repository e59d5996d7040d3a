// DEL, dynamic exit layer self-speculation (Entezari Zarch et al. 2025): the target drafts with its
// own early-exit graph of layer l (only l layers run, on a copy of the first l layers of its cache,
// extended by the drafted tokens and dropped after the round) and verifies with the full model in
// one pass that also returns every exit head's logits. Those give shadow tokens: what each exit layer
// would have proposed at each verified position, up to the first draft/target mismatch, so every
// layer's acceptance estimate alpha_l is updated each round, not only the drafting one (models
// without exit_logits outputs fall back to updating the drafting layer alone). Each round
// picks (l, d) maximising tokens per loaded layer, TPL(l, d) = [(1 - a^(d+1)) / (1 - a)] / (d*l + L).
// Acceptance is chain speculative sampling against the exit head's processed distribution.
import { WorkbenchError } from '../../../../app/errors';
import type { MethodConfigOf } from '../../../../app/methods';
import type { LoadedModel } from '../../runtime/loaded-model';
import { logitsRow } from '../../runtime/loaded-model';
import { argmax, chooseToken, processedDistribution, sampleIndex } from '../../runtime/sampling';
import type { MethodImplementation } from '../context';
import { AdaptiveDraftExit } from './draft-exit';
import { AcceptanceTally } from './metrics';
import { Distributions, acceptChain, softmax } from './rejection';
import { draftDepthLimit, finishChainRound, requireKvCache } from './round';

type Config = MethodConfigOf<'del'>;

/** Neutral starting estimate of every layer's acceptance rate. */
export const PRIOR_ACCEPTANCE = 0.5;

/** Expected tokens per round with acceptance a and d drafted tokens: (1 - a^(d+1)) / (1 - a). */
export function expectedTokens(alpha: number, d: number): number {
  if (alpha >= 1 - 1e-9) return d + 1;
  return (1 - alpha ** (d + 1)) / (1 - alpha);
}

/** Tokens per loaded layer: expected tokens over the layers run (d drafts of l layers, one full pass of L). */
export function tokensPerLayer(alpha: number, layer: number, d: number, totalLayers: number): number {
  return expectedTokens(alpha, d) / (d * layer + totalLayers);
}

export interface ExitChoice {
  layer: number;
  length: number;
  tpl: number;
}

/** The (exit layer, draft length) with the highest TPL; ties go to the shallower layer, then the shorter draft. */
export function chooseExit(alpha: ReadonlyMap<number, number>, layers: readonly number[], maxLength: number, totalLayers: number): ExitChoice {
  let best: ExitChoice | null = null;
  for (const layer of [...layers].sort((a, b) => a - b)) {
    const a = alpha.get(layer) ?? PRIOR_ACCEPTANCE;
    for (let d = 1; d <= maxLength; d++) {
      const tpl = tokensPerLayer(a, layer, d, totalLayers);
      if (!best || tpl > best.tpl) best = { layer, length: d, tpl };
    }
  }
  if (!best) throw new Error('chooseExit needs at least one exit layer and a length of at least 1');
  return best;
}

/** Exit layers that have a drafting graph, ascending. */
function draftLayersOf(model: LoadedModel): number[] {
  return [...model.info.capabilities.exitGraphs].sort((a, b) => a - b);
}

/** DEL as registered in the engine. */
export const dynamicExitLayer: MethodImplementation<Config> = {
  check(_config, models) {
    const target = models.target!;
    if (draftLayersOf(target).length === 0) {
      throw new WorkbenchError(
        'method_unsupported',
        `DEL drafts with the target's own early exits, but ${target.info.name} has no early-exit graphs (exit_<l>.onnx files listed under exitGraphs in workbench.json)`,
      );
    }
    requireKvCache('DEL', 'target', target);
  },

  async run(ctx) {
    const target = ctx.models.target!;
    const { config, sampling } = ctx;
    const greedy = sampling.temperature === 0;
    const totalLayers = target.kvLayout.layers;
    const draftLayers = draftLayersOf(target);
    const shadowLayers = [...target.info.capabilities.exitLayers].sort((a, b) => a - b);
    const tracked = [...new Set([...draftLayers, ...shadowLayers])].sort((a, b) => a - b);
    const alpha = new Map(tracked.map((l) => [l, PRIOR_ACCEPTANCE]));
    const tally = new AcceptanceTally();
    const draftExit = new AdaptiveDraftExit();

    const { cache, logits } = await ctx.prefill('target', ctx.promptIds);
    tally.targetForwardPasses++;
    const first = chooseToken(logits, sampling, ctx.rng);
    if (ctx.sink.push(first.id, ctx.stats('target', logits, first.id), 'target')) return tally.toMetrics();

    let root = first.id;
    for (let round = 0; !ctx.signal.cancelled; round++) {
      const tokenIndex = ctx.sink.count;
      const choice = chooseExit(alpha, draftLayers, Math.min(config.maxDraftLength, draftDepthLimit(ctx)), totalLayers);
      const layerAcceptance = tracked.map((l) => alpha.get(l)!);

      const draftStart = performance.now();
      const draftCache = cache.firstLayers(choice.layer);
      const drafted: number[] = [];
      const draftDists: Float64Array[] = [];
      const q: number[] = [];
      let feed = [root];
      for (let i = 0; i < choice.length; i++) {
        const r = await target.forward(draftCache, feed, { exitLayer: choice.layer });
        tally.draftForwardPasses++;
        const row = logitsRow(r, 0);
        const shown = softmax(row);
        // Dynamic draft exiting: an unsure exit head ends the draft (the first token is always drafted).
        const confidence = shown[argmax(row)]!;
        if (i > 0 && (config.draftExit === 'adaptive' ? draftExit.stops(confidence) : config.draftExit === 'fixed' && confidence < config.confidenceStop)) break;
        const dist = processedDistribution(row, sampling);
        const x = greedy ? argmax(row) : sampleIndex(dist, ctx.rng.next());
        drafted.push(x);
        draftDists.push(dist);
        q.push(greedy ? shown[x]! : dist[x]!);
        if (i + 1 < choice.length) draftCache.commit(r.present, feed);
        feed = [x];
      }
      const draftMs = performance.now() - draftStart;

      const fed = [root, ...drafted];
      const verifyStart = performance.now();
      const r = await target.forward(cache, fed, { withExitLogits: shadowLayers.length > 0 });
      const verifyMs = performance.now() - verifyStart;
      tally.targetForwardPasses++;
      const dists = new Distributions((i) => logitsRow(r, i), sampling);
      const outcome = acceptChain(drafted, draftDists, dists, ctx.rng);
      const k = outcome.accepted;
      draftExit.update(k, drafted.length, choice.length);
      cache.commit(r.present, fed, Array.from({ length: k + 1 }, (_, i) => i));

      // Shadow tokens at the positions whose context matches the output (0..k): how well each exit
      // layer agrees with the target there (greedy: same argmax; sampling: 1 - TV = sum min(p, q_l)).
      // Without exit_logits outputs only the drafting layer learns, from its own drafts.
      const update = (layer: number, observed: number) => alpha.set(layer, config.acceptanceDecay * alpha.get(layer)! + (1 - config.acceptanceDecay) * observed);
      for (let j = 0; j <= k; j++) {
        if (shadowLayers.length === 0) {
          if (j < drafted.length) update(choice.layer, Number(j < k));
          continue;
        }
        for (const layer of shadowLayers) {
          const exitRow = r.exitLogits.get(layer)!.subarray(j * r.vocab, (j + 1) * r.vocab);
          update(layer, greedy ? Number(argmax(exitRow) === dists.argmax(j)) : overlap(dists.processed(j), processedDistribution(exitRow, sampling)));
        }
      }

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
        extra: { exitLayer: choice.layer, draftLength: drafted.length, layerAcceptance },
      });
      if (emission.stopped) break;
      root = outcome.final;
    }
    return tally.toMetrics();
  },
};

/** sum_x min(p(x), q(x)) = 1 - TV(p, q): the probability a draft from q passes against p. */
export function overlap(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.min(p[i]!, q[i]!);
  return s;
}
