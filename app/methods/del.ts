// Dynamic exit layer (Entezari Zarch et al. 2025): self-speculation with the target's own early
// exits; each round picks the exit layer and draft length by expected tokens per layer.
import { z } from 'zod';
import { defineMethod } from './descriptor';
import { speculativeMetrics } from './speculative-metrics';

export const del = defineMethod({
  id: 'del',
  label: 'Dynamic exit layer (DEL)',
  summary: "Self-speculation with the target's early exits; each round picks exit layer and length by tokens per layer.",
  family: 'speculative',
  paper: { title: 'DEL: Context-Aware Dynamic Exit Layer for Efficient Self-Speculative Decoding (Entezari Zarch et al. 2025)', url: 'https://arxiv.org/abs/2504.05598' },
  lossless: true,
  params: z.object({
    /** Longest speculation per round. */
    maxDraftLength: z.number().int().min(1).max(16).default(6),
    /** Decay of the per-layer acceptance estimates (unverified in the paper: a tunable). */
    acceptanceDecay: z.number().min(0).max(1).default(0.9),
    /**
     * Dynamic draft exiting: stop drafting mid-round when the exit head's top probability falls below a
     * threshold that adapts to recent match rates (adaptive: the paper's, after Draft & Verify), below
     * `confidenceStop` (fixed), or never (off).
     */
    draftExit: z.enum(['adaptive', 'fixed', 'off']).default('adaptive'),
    /** The fixed draft-exit threshold (draftExit 'fixed'). */
    confidenceStop: z.number().min(0).max(1).default(0.5),
  }),
  docs: {
    maxDraftLength: { label: 'Max draft length', help: 'Longest speculation per round.' },
    acceptanceDecay: { label: 'Acceptance decay', help: 'Decay of the per-layer acceptance estimates that choose the exit layer.', unverified: true },
    draftExit: { label: 'Draft exiting', help: "adaptive: stop drafting when the exit head's top probability falls below a threshold that rises when recent drafts matched poorly and falls when they matched well (the paper's dynamic draft exiting, after Draft & Verify: start 0.5, target match 0.9); fixed: below Confidence stop; off: always draft the chosen length." },
    confidenceStop: { label: 'Confidence stop', help: 'The fixed draft-exit threshold (Draft exiting: fixed).', unverified: true },
  },
  roles: { target: { size: 'big', needs: ['kvCache', 'exitGraphs'] } },
  primaryRole: 'target',
  presets: [],
  panels: ['speculative'],
  metrics: speculativeMetrics,
});
