// RICE expert steering (Wang et al. 2025): reinforce the MoE experts most associated with thinking
// markers (by nPMI) during routing.
import { z } from 'zod';
import { defineMethod } from './descriptor';

export const ExpertId = z.object({ layer: z.number().int().min(0), expert: z.number().int().min(0) });
export type ExpertId = z.infer<typeof ExpertId>;

export const rice = defineMethod({
  id: 'rice',
  label: 'RICE expert steering',
  summary: 'Reinforce the MoE experts most associated with thinking markers (by nPMI) during routing.',
  family: 'steering',
  paper: { title: 'Two Experts Are All You Need for Steering Thinking: Reinforcing Cognitive Effort in MoE Reasoning Models Without Additional Training (Wang et al. 2025)', url: 'https://arxiv.org/abs/2505.14681' },
  lossless: false,
  params: z.object({
    /** Experts to reinforce; empty means "the top experts of the model's latest calibration" (the host records which in the run's setup). */
    experts: z.array(ExpertId).default([]),
    topExperts: z.number().int().min(1).max(16).default(2),
    /** Reinforcement strength (the paper is cited with 64; unverified). */
    beta: z.number().positive().default(64),
    /**
     * gate (the paper's: the chosen experts' routing weights raised): the selected expert's gate weight
     * times beta, selection unchanged, not renormalised.
     * gate_renorm: as gate, then the top-k weights renormalised to sum to one.
     * logit: log(beta) added to the router logit before top-k (changes which experts are selected; renormalised).
     */
    form: z.enum(['logit', 'gate', 'gate_renorm']).default('gate'),
  }),
  docs: {
    experts: { label: 'Experts to reinforce', help: "layer:expert pairs, comma separated (e.g. 0:3, 1:5). Empty: the top experts of the model's latest nPMI calibration." },
    topExperts: { label: 'Top experts', help: 'How many of the calibrated experts to reinforce when the list is empty.' },
    beta: { label: 'Strength (beta)', help: 'Reinforcement strength (the paper is cited with 64).', unverified: true },
    form: {
      label: 'Steering form',
      help: "gate (default, the paper's form: the chosen experts' routing weights raised): the gate weight times beta, selection unchanged; gate_renorm: as gate, then renormalised; logit: log(beta) added to the router logit before top-k, which changes which experts are selected (at beta 64 they are always routed to).",
      unverified: true,
    },
  },
  roles: { model: { size: 'big', needs: ['routerLogits', 'routerBias'], prefers: 'moe' } },
  primaryRole: 'model',
  presets: [{ label: 'Gate form', params: { form: 'gate' } }],
  panels: ['routing'],
  metrics: ['thinkingTokens'],
});
