// Entropy-adaptive decoding (Simonds 2025): the small model generates until its rolling entropy
// exceeds tau; then the large model takes over.
import { z } from 'zod';
import { defineMethod } from './descriptor';

export const ead = defineMethod({
  id: 'ead',
  label: 'Entropy-adaptive decoding',
  summary: 'The small model generates until its rolling entropy exceeds tau; then the large model takes over.',
  family: 'reasoning',
  paper: { title: 'Entropy Adaptive Decoding: Dynamic Model Switching for Efficient Inference (Simonds 2025)', url: 'https://arxiv.org/abs/2502.06833' },
  lossless: false,
  params: z.object({
    /**
     * Threshold on the rolling mean entropy (nats) above which the large model generates. The paper
     * sweeps it; the default suits the embedded models, whose draft is very confident (useful range
     * about 0.002-0.03 nats); models trained on open text sit near 0.5-2 nats.
     */
    tau: z.number().default(0.01),
    /** Rolling window (tokens); the paper does not state it. */
    window: z.number().int().min(1).max(256).default(8),
    /** Minimum tokens the large model keeps control once switched in (0: none); unverified in the paper. */
    minDwell: z.number().int().min(0).max(256).default(0),
    /**
     * Whose next-token entropy feeds the rolling mean: the model generating the token (the natural
     * reading) or always the small one (it then runs on every token); unverified in the paper.
     */
    entropySource: z.enum(['generating', 'small']).default('generating'),
  }),
  docs: {
    tau: { label: 'Entropy threshold (tau, nats)', help: 'The large model generates while the rolling mean entropy is above this. The paper sweeps it; for the embedded models useful values are about 0.002-0.03 (their draft is very confident); open-text LLMs sit near 0.5-2.', unverified: true },
    window: { label: 'Rolling window (tokens)', help: 'Tokens averaged in the rolling entropy.', unverified: true },
    minDwell: { label: 'Minimum dwell (tokens)', help: 'Tokens the large model keeps control once switched in (0: none).', unverified: true },
    entropySource: { label: 'Entropy source', help: 'Whose next-token entropy feeds the rolling mean: the generating model, or always the small one (it then runs on every token).', unverified: true },
  },
  roles: { small: { size: 'small', needs: [] }, large: { size: 'big', needs: [] } },
  primaryRole: 'large',
  presets: [{ label: 'Open-text tau (1 nat)', params: { tau: 1 } }],
  panels: ['ead'],
  metrics: ['largeShare', 'paramWeightedCost', 'switches', 'targetForwardPasses', 'draftForwardPasses'],
});
