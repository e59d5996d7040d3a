// Prompt lookup decoding (Saxena 2023; transformers' prompt_lookup_num_tokens) as a proposer: no
// draft model. The last n tokens (n from maxNgram down to 1) are looked up in everything so far, the
// prompt and the output up to the pending token; at the earliest earlier occurrence whose
// continuation is not empty, up to numTokens tokens that followed it are proposed (cut before an end
// of turn), as one chain. The proposal is deterministic (q one-hot), so the round loop's verifier
// keeps it lossless under sampling too: a token passes with probability p(x), a rejection redraws
// from p without it. No match: the round verifies the pending token alone (one ordinary step).
import type { MethodConfigOf } from '@app/methods';
import type { MethodContext, MethodImplementation } from '../context';
import type { Proposer } from './proposer';
import { requireKvCache, runSpeculative } from './round';
import { DraftTree } from './tree';

type Config = MethodConfigOf<'prompt_lookup'>;

/**
 * The candidates after the earliest match of the last n tokens of `tokens`, n = maxNgram down to 1
 * (the longest n-gram that matches with a non-empty continuation wins): up to `numTokens` tokens,
 * ending before the first end-of-turn id. Empty when nothing matches.
 */
export function lookupCandidates(tokens: readonly number[], numTokens: number, maxNgram: number, eosIds: ReadonlySet<number>): number[] {
  const n = tokens.length;
  for (let size = Math.min(maxNgram, n - 1); size >= 1; size--) {
    // Occurrences that end before the last token, so something follows them.
    for (let start = 0; start + size < n; start++) {
      let match = true;
      for (let j = 0; j < size && match; j++) match = tokens[start + j] === tokens[n - size + j];
      if (!match) continue;
      const from = start + size;
      const out: number[] = [];
      for (let i = from; i < Math.min(from + numTokens, n) && !eosIds.has(tokens[i]!); i++) out.push(tokens[i]!);
      return out;
    }
  }
  return [];
}

/** The prompt lookup proposer of one run. */
export function promptLookupProposer(ctx: MethodContext<Config>): Proposer {
  const { numTokens, maxNgram } = ctx.config.params;
  const eosIds = ctx.models.target!.tokenizer.eosIds;
  return {
    shape: 'chain',
    async propose({ tokens, maxDepth }) {
      const drafted = lookupCandidates(tokens, Math.min(numTokens, maxDepth), maxNgram, eosIds);
      return { tree: DraftTree.chain(drafted), distributions: new Map(), draftPasses: 0 };
    },
  };
}

/** Prompt lookup decoding as registered in the engine. */
export const promptLookup: MethodImplementation<Config> = {
  check(_config, models) {
    requireKvCache('prompt lookup decoding', 'target', models.target!);
  },

  run: (ctx) => runSpeculative(ctx, promptLookupProposer(ctx)),
};
