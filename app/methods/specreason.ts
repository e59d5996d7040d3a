// SpecReason (Pan et al. 2025): the small model drafts each reasoning step; the large model scores it
// 0-9 as a judge and rewrites the steps it rejects.
import { z } from 'zod';
import { defineMethod } from './descriptor';

export const specreason = defineMethod({
  id: 'specreason',
  label: 'SpecReason',
  summary: 'The small model drafts each reasoning step; the large model scores it 0-9 and rewrites rejected steps.',
  family: 'reasoning',
  paper: { title: 'SpecReason: Fast and Accurate Inference-Time Compute via Speculative Reasoning (Pan et al. 2025)', url: 'https://arxiv.org/abs/2504.07891' },
  lossless: false,
  params: z.object({
    /** Accept the small model's step when its score is at or above this (paper code default 7). */
    threshold: z.number().min(0).max(10).default(7),
    scoreMethod: z.enum(['greedy', 'average']).default('greedy'),
    /** The first n steps are written by the large model. */
    firstNLarge: z.number().int().min(0).default(0),
    tokenBudget: z.number().int().min(1).default(1024),
    stepTokenCap: z.number().int().min(1).default(128),
    repetitionGuard: z.boolean().default(true),
    stopOnAnswer: z.boolean().default(true),
    /**
     * The closing step (`</think>` and the answer line): judged like any step (the paper's code),
     * written by the large model without a judgement, or taken from the small model unjudged.
     */
    closingStep: z.enum(['judge', 'large', 'small']).default('large'),
    /**
     * The reasoning the judge reads ends with the new step's delimiter (keep: the official code, which
     * joins steps with the delimiter and appends one) or without it (strip: how the embedded judge was trained).
     */
    judgeDelimiter: z.enum(['keep', 'strip']).default('keep'),
    /** Large-model steps use chain speculative decoding with the small model (SpecReason+Decode). */
    largeUsesSpeculation: z.boolean().default(false),
    gamma: z.number().int().min(1).max(16).default(4),
  }),
  docs: {
    threshold: { label: 'Accept threshold (0-9)', help: "Accept the small model's step when the judge's score is at or above this (paper code default 7)." },
    scoreMethod: { label: 'Score method', help: "greedy: the judge's most likely digit; average: the expected digit under its distribution." },
    firstNLarge: { label: 'First n steps by large', help: 'The first n reasoning steps are written by the large model.' },
    tokenBudget: { label: 'Token budget', help: 'Total tokens of reasoning before the run stops.' },
    stepTokenCap: { label: 'Step token cap', help: 'Longest step the small model may draft.' },
    repetitionGuard: { label: 'Repetition guard', help: "Stop when the last two steps are identical (the paper code's guard)." },
    stopOnAnswer: { label: 'Stop on answer', help: 'End the run once an answer line is written.' },
    closingStep: { label: 'Closing step', help: "The </think> + answer step: judge it like any step (the paper's code), let the large model write it unjudged, or take the small model's unjudged. Our judge was not trained on closing steps and scores them low." },
    judgeDelimiter: { label: 'Judge sees delimiter', help: "keep: the judged reasoning ends with the step delimiter, as the official code's (steps joined by it, one appended); strip: without it, as the embedded judge was trained." },
    largeUsesSpeculation: { label: 'Speculative large steps', help: 'Large-model steps use chain speculative decoding with the small model as draft (SpecReason+Decode).' },
    gamma: { label: 'Draft length (gamma)', help: 'Draft tokens per round inside large-model steps, when those use speculation.' },
  },
  roles: { small: { size: 'small', needs: [] }, large: { size: 'big', needs: [] } },
  primaryRole: 'large',
  presets: [{ label: 'SpecReason+Decode', params: { largeUsesSpeculation: true } }],
  panels: ['specreason'],
  metrics: ['largeShare', 'paramWeightedCost', 'steps', 'stepsAccepted', 'judgeMs', 'targetForwardPasses', 'draftForwardPasses'],
});
