// Speculative sampling with a draft chain (Leviathan et al. 2023; Chen et al. 2023): a draft model
// proposes gamma tokens, the target verifies them in one pass and accepts each with min(1, p/q).
import { z } from 'zod';
import { defineMethod } from './descriptor';
import { speculativeMetrics } from './speculative-metrics';

export const chainSd = defineMethod({
  id: 'chain_sd',
  label: 'Speculative sampling (chain)',
  summary: 'A draft model proposes gamma tokens; the target verifies them in one pass and accepts with min(1, p/q).',
  family: 'speculative',
  paper: { title: 'Fast Inference from Transformers via Speculative Decoding (Leviathan et al. 2023)', url: 'https://arxiv.org/abs/2211.17192' },
  lossless: true,
  params: z.object({
    /** Draft tokens per round (Leviathan et al.'s gamma). */
    gamma: z.number().int().min(1).max(32).default(4),
    /** Adapt gamma per round: +2 when every draft token was accepted, -1 otherwise (HF's heuristic). */
    adaptiveGamma: z.boolean().default(false),
  }),
  docs: {
    gamma: { label: 'Draft length (gamma)', help: 'Tokens the draft model proposes per round before the target verifies them in one pass.' },
    adaptiveGamma: { label: 'Adaptive gamma', help: "Per round: +2 when every draft token was accepted, -1 otherwise (Hugging Face's heuristic)." },
  },
  roles: { target: { size: 'big', needs: ['kvCache'] }, draft: { size: 'small', needs: ['kvCache'] } },
  primaryRole: 'target',
  presets: [{ label: 'Adaptive gamma', params: { adaptiveGamma: true } }],
  panels: ['speculative'],
  metrics: speculativeMetrics,
});
