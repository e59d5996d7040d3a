// DEL, dynamic exit layer self-speculation (Entezari Zarch et al. 2025): the target drafts with its
// own early-exit graph of layer l (only l layers run, on a copy of the first l layers of its cache,
// extended by the drafted tokens and dropped after the round) and verifies with the full model in
// one pass that also returns every exit head's logits. Those give shadow tokens: what each exit layer
// would have proposed at each verified position, up to the first draft/target mismatch, so every
// layer's acceptance estimate alpha_l is updated each round, not only the drafting one (models
// without exit_logits outputs fall back to updating the drafting layer alone). Each round
// picks (l, d) maximising tokens per loaded layer, TPL(l, d) = [(1 - a^(d+1)) / (1 - a)] / (d*l + L).
// Acceptance is chain speculative sampling against the exit head's processed distribution (the round
// loop's verifier); this file is the proposer.
import { WorkbenchError } from '@app/errors';
import type { MethodConfigOf } from '@app/methods';
import type { LoadedModel } from '../../runtime/loaded-model';
import { logitsRow } from '../../runtime/loaded-model';
import { argmax, processedDistribution, sampleIndex } from '../../runtime/sampling';
import type { MethodContext, MethodImplementation } from '../context';
import { AdaptiveDraftExit } from './draft-exit';
import type { Proposer } from './proposer';
import { softmax } from './rejection';
import { requireKvCache, runSpeculative } from './round';
import { DraftTree } from './tree';

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

  run: (ctx) => runSpeculative(ctx, exitLayerProposer(ctx)),
};

/** The DEL proposer of one run: drafts with the exit layer and length of the best tokens per layer. */
export function exitLayerProposer(ctx: MethodContext<Config>): Proposer {
  const target = ctx.models.target!;
  const { config, sampling } = ctx;
  const greedy = sampling.temperature === 0;
  const totalLayers = target.kvLayout.layers;
  const draftLayers = draftLayersOf(target);
  const shadowLayers = [...target.info.capabilities.exitLayers].sort((a, b) => a - b);
  const tracked = [...new Set([...draftLayers, ...shadowLayers])].sort((a, b) => a - b);
  const alpha = new Map(tracked.map((l) => [l, PRIOR_ACCEPTANCE]));
  let choice: ExitChoice;
  const draftExit = new AdaptiveDraftExit();
  const update = (layer: number, observed: number) => alpha.set(layer, config.params.acceptanceDecay * alpha.get(layer)! + (1 - config.params.acceptanceDecay) * observed);
  return {
    shape: 'chain',
    passOptions: { withExitLogits: shadowLayers.length > 0 },

    async propose({ root, maxDepth, targetCache }) {
      choice = chooseExit(alpha, draftLayers, Math.min(config.params.maxDraftLength, maxDepth), totalLayers);
      const layerAcceptance = tracked.map((l) => alpha.get(l)!);
      // A copy of the target cache's first l layers, extended by the drafts and dropped after the round.
      const draftCache = targetCache.firstLayers(choice.layer);
      const drafted: number[] = [];
      const distributions = new Map<number, Float64Array>();
      const q: number[] = [];
      let feed = [root];
      let passes = 0;
      for (let i = 0; i < choice.length; i++) {
        const r = await target.forward(draftCache, feed, { exitLayer: choice.layer });
        passes++;
        const row = logitsRow(r, 0);
        const shown = softmax(row);
        // Dynamic draft exiting: an unsure exit head ends the draft (the first token is always drafted);
        // the threshold adapts to recent match rates, is fixed, or drafting never exits early.
        const confidence = shown[argmax(row)]!;
        const exit = config.params.draftExit === 'adaptive' ? draftExit.stops(confidence) : config.params.draftExit === 'fixed' && confidence < config.params.confidenceStop;
        if (i > 0 && exit) break;
        const dist = processedDistribution(row, sampling);
        const x = greedy ? argmax(row) : sampleIndex(dist, ctx.rng.next());
        drafted.push(x);
        distributions.set(i - 1, dist);
        q.push(greedy ? shown[x]! : dist[x]!);
        if (i + 1 < choice.length) draftCache.commit(r.present, feed);
        feed = [x];
      }
      return {
        tree: DraftTree.chain(drafted),
        distributions,
        q,
        draftPasses: passes,
        extra: { exitLayer: choice.layer, draftLength: drafted.length, layerAcceptance },
      };
    },

    verified({ proposal, outcome, verification, target: dists }) {
      const k = outcome.path.length;
      const n = proposal.tree.size;
      draftExit.update(k, n, choice.length);
      // Shadow tokens at the positions whose context matches the output (0..k): how well each exit
      // layer agrees with the target there (greedy: same argmax; sampling: 1 - TV = sum min(p, q_l)).
      // Without exit_logits outputs only the drafting layer learns, from its own drafts.
      const pass = verification.pass!;
      for (let j = 0; j <= k; j++) {
        if (shadowLayers.length === 0) {
          if (j < n) update(choice.layer, Number(j < k));
          continue;
        }
        for (const layer of shadowLayers) {
          const exitRow = pass.exitLogits.get(layer)!.subarray(j * pass.vocab, (j + 1) * pass.vocab);
          update(layer, greedy ? Number(argmax(exitRow) === dists.argmax(j)) : overlap(dists.processed(j), processedDistribution(exitRow, sampling)));
        }
      }
    },
  };
}

/** sum_x min(p(x), q(x)) = 1 - TV(p, q): the probability a draft from q passes against p. */
export function overlap(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.min(p[i]!, q[i]!);
  return s;
}
