// Chain speculative sampling (Leviathan et al. 2023; Chen et al. 2023) as a proposer: the draft model
// proposes gamma tokens one pass at a time from its processed distribution (greedy: its argmax); the
// round loop verifies them (min(1, p/q), residual on rejection, bonus after a full chain). The draft
// keeps its own KV cache, rolled back to the accepted prefix after each round. Gamma is fixed, or
// adapted per round (+2 when all passed, -1 otherwise, within 1..16).
import type { MethodConfigOf } from '@app/methods';
import type { KvCache } from '../../runtime/kv-cache';
import { logitsRow } from '../../runtime/loaded-model';
import { argmax, processedDistribution, sampleIndex } from '../../runtime/sampling';
import type { MethodContext, MethodImplementation } from '../context';
import type { Proposer } from './proposer';
import { softmax } from './rejection';
import { requireKvCache, runSpeculative } from './round';
import { DraftTree } from './tree';

const MIN_GAMMA = 1;
const MAX_GAMMA = 16;

/** Gamma for the next round under the adaptive schedule (HF's "heuristic" schedule). */
export function nextGamma(gamma: number, drafted: number, accepted: number): number {
  return accepted === drafted ? Math.min(MAX_GAMMA, gamma + 2) : Math.max(MIN_GAMMA, gamma - 1);
}

/** The draft-model chain proposer of one run: gamma tokens per round from the draft's own KV cache. */
export function chainProposer(ctx: MethodContext<MethodConfigOf<'chain_sd'>>): Proposer {
  const draft = ctx.models.draft!;
  const { sampling } = ctx;
  const greedy = sampling.temperature === 0;
  let draftCache: KvCache;
  // Committed tokens before the root that the draft cache has not seen (a fully accepted chain's last token).
  let draftBehind: number[] = [];
  // The draft cache's length after the root (the accepted drafts are kept from there).
  let afterRoot = 0;
  let gamma = ctx.config.params.gamma;
  return {
    shape: 'chain',

    async start() {
      draftCache = (await ctx.prefill('draft', ctx.promptIds)).cache;
      return 1;
    },

    async propose({ root, maxDepth }) {
      const length = Math.min(gamma, maxDepth);
      const drafted: number[] = [];
      const distributions = new Map<number, Float64Array>();
      const q: number[] = [];
      let feed = [...draftBehind, root];
      for (let i = 0; i < length; i++) {
        const r = await draft.forward(draftCache, feed);
        draftCache.commit(r.present, feed);
        if (i === 0) afterRoot = draftCache.length;
        const row = logitsRow(r, feed.length - 1);
        const dist = processedDistribution(row, sampling);
        const x = greedy ? argmax(row) : sampleIndex(dist, ctx.rng.next());
        drafted.push(x);
        distributions.set(i - 1, dist); // drawn at the node before it (ROOT for the first)
        q.push(greedy ? softmax(row)[x]! : dist[x]!);
        feed = [x];
        if (draft.tokenizer.eosIds.has(x)) break; // nothing follows an end of turn: stop drafting
      }
      return { tree: DraftTree.chain(drafted), distributions, q, draftPasses: drafted.length, extra: { gamma: length } };
    },

    verified({ proposal, outcome }) {
      const n = proposal.tree.size;
      const k = outcome.path.length;
      const drafted = proposal.tree.nodes.map((node) => node.token);
      // The draft cache holds the root and drafts 0..n-2: keep the accepted ones, owe the rest.
      const held = Math.min(k, n - 1);
      draftCache.truncate(afterRoot + held);
      draftBehind = drafted.slice(held, k);
      if (ctx.config.params.adaptiveGamma) gamma = nextGamma(gamma, n, k);
    },
  };
}

/** Chain speculative sampling as registered in the engine. */
export const chainSpeculative: MethodImplementation<MethodConfigOf<'chain_sd'>> = {
  check(_config, models) {
    requireKvCache('speculative sampling', 'target', models.target!);
    requireKvCache('speculative sampling', 'draft', models.draft!);
  },

  run: (ctx) => runSpeculative(ctx, chainProposer(ctx)),
};
