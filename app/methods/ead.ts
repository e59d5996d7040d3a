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
     * Threshold on the rolling mean entropy, in `entropyUnit` (bits by default, as the paper's tau: H =
     * -sum p log2 p), above which the large model generates. The paper sweeps it; the default suits the
     * embedded models, whose draft is very confident (useful range about 0.003-0.045 bits); models
     * trained on open text sit near 0.7-3 bits.
     */
    tau: z.number().default(0.015),
    /** Unit of tau and of the rolling entropy: bits (the paper's log2) or nats (natural log). */
    entropyUnit: z.enum(['bits', 'nats']).default('bits'),
    /** Rolling window (tokens); the paper does not state it. */
    window: z.number().int().min(1).max(256).default(8),
    /**
     * Minimum dwell d_min: tokens the generating model writes before any switch (the paper's
     * c >= d_min); its value is not stated in the paper (0: none).
     */
    minDwell: z.number().int().min(0).max(256).default(4),
    /** Which model the dwell holds: both (the paper's rule) or the large one only (an earlier reading). */
    dwellFor: z.enum(['both', 'large']).default('both'),
    /**
     * Whose next-token entropy feeds the rolling mean: the model generating the token (the natural
     * reading) or always the small one (it then runs on every token); unverified in the paper.
     */
    entropySource: z.enum(['generating', 'small']).default('generating'),
  }),
  docs: {
    tau: { label: 'Entropy threshold (tau)', help: "The large model generates while the rolling mean entropy is above this, in the entropy unit (bits by default, the paper's log2). The paper sweeps it; for the embedded models useful values are about 0.003-0.045 bits (their draft is very confident); open-text LLMs sit near 0.7-3 bits.", unverified: true },
    entropyUnit: { label: 'Entropy unit', help: "Unit of tau: bits (the paper's H = -sum p log2 p) or nats (natural log). Traces and charts show entropy in nats." },
    window: { label: 'Rolling window (tokens)', help: 'Tokens averaged in the rolling entropy.', unverified: true },
    minDwell: { label: 'Minimum dwell (d_min)', help: "Tokens the generating model writes before any switch (the paper's c >= d_min; 0: none). The rule is the paper's, the default value is ours.", unverified: true },
    dwellFor: { label: 'Dwell applies to', help: "both: the paper's rule (either model keeps control for d_min tokens); large: only the large model is held (an earlier reading, kept as an option)." },
    entropySource: { label: 'Entropy source', help: 'Whose next-token entropy feeds the rolling mean: the generating model, or always the small one (it then runs on every token).', unverified: true },
  },
  roles: { small: { size: 'small', needs: [] }, large: { size: 'big', needs: [] } },
  primaryRole: 'large',
  presets: [{ label: 'Open-text tau (1 nat)', params: { tau: 1 } }],
  panels: ['ead'],
  metrics: ['largeShare', 'paramWeightedCost', 'switches', 'targetForwardPasses', 'draftForwardPasses'],
});
