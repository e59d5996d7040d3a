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
    /** Stop drafting early when the exit head's top probability falls below this (0 disables). */
    confidenceStop: z.number().min(0).max(1).default(0),
  }),
  docs: {
    maxDraftLength: { label: 'Max draft length', help: 'Longest speculation per round.' },
    acceptanceDecay: { label: 'Acceptance decay', help: 'Decay of the per-layer acceptance estimates that choose the exit layer.', unverified: true },
    confidenceStop: { label: 'Confidence stop', help: "Stop drafting early when the exit head's top probability falls below this (0 disables).", unverified: true },
  },
  roles: { target: { size: 'big', needs: ['kvCache', 'exitGraphs'] } },
  primaryRole: 'target',
  presets: [],
  panels: ['speculative'],
  metrics: speculativeMetrics,
});
