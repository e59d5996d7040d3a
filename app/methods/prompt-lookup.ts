// Prompt lookup decoding (Saxena 2023): drafts are copied from the prompt and the output so far by
// matching the last n-gram, then verified by the target in one pass; no draft model. The parameters
// follow transformers' prompt_lookup_num_tokens and max_matching_ngram_size.
import { z } from 'zod';
import { defineMethod } from './descriptor';
import { speculativeMetrics } from './speculative-metrics';

export const promptLookup = defineMethod({
  id: 'prompt_lookup',
  label: 'Prompt lookup decoding',
  summary: 'Draft tokens copied from where the last n-gram occurred before in the prompt or output, verified by the target in one pass.',
  family: 'speculative',
  paper: { title: 'Prompt Lookup Decoding (Saxena 2023)', url: 'https://github.com/apoorvumang/prompt-lookup-decoding' },
  lossless: true,
  params: z.object({
    /** Tokens copied after a match (transformers' prompt_lookup_num_tokens, default 10). */
    numTokens: z.number().int().min(1).max(64).default(10),
    /** Longest n-gram matched, tried from longest to 1 (transformers' max_matching_ngram_size, default 2). */
    maxNgram: z.number().int().min(1).max(8).default(2),
  }),
  docs: {
    numTokens: { label: 'Draft tokens', help: "Tokens copied after the matched n-gram and verified in one pass (transformers' prompt_lookup_num_tokens)." },
    maxNgram: { label: 'Max n-gram', help: "Longest suffix of the text so far searched for in the prompt and output, tried from this length down to 1 (transformers' max_matching_ngram_size)." },
  },
  roles: { target: { size: 'big', needs: ['kvCache'] } },
  primaryRole: 'target',
  presets: [],
  panels: ['speculative'],
  metrics: speculativeMetrics.filter((k) => k !== 'draftForwardPasses'),
});
