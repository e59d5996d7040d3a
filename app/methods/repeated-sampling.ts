// Repeated sampling (Brown et al. 2024, "Large Language Monkeys"): k independent seeded samples of
// one prompt, each answer extracted as the graders do and scored by a verifier, and one sample
// selected by majority vote over the answers, by the highest verifier score, or by the task grader
// (the oracle, which needs the item's gold answer). Sample i uses seed (seed + i * 65536) mod 2^31
// (see sampleSeed), so a sample equals the autoregressive run of that seed.
import { z } from 'zod';
import { defineMethod } from './descriptor';

/** The most samples one run may draw. */
export const MAX_REPEATED_SAMPLES = 256;

/** Seed stride between samples: experiment samples use seed + j, so runs j and j+1 share no sample seed. */
export const SAMPLE_SEED_STRIDE = 65536;

/** The seed of sample i of a run whose sampling seed is `seed`: (seed + i * 65536) mod 2^31. */
export function sampleSeed(seed: number, i: number): number {
  return (seed + i * SAMPLE_SEED_STRIDE) % 2 ** 31;
}

export const repeatedSampling = defineMethod({
  id: 'repeated_sampling',
  label: 'Repeated sampling',
  summary: 'k seeded samples of the prompt, each answer scored by a verifier; one kept by majority vote, verifier score, or the grader.',
  family: 'reasoning',
  paper: { title: 'Large Language Monkeys: Scaling Inference Compute with Repeated Sampling (Brown et al. 2024)', url: 'https://arxiv.org/abs/2407.21787' },
  lossless: false,
  params: z.object({
    k: z.number().int().min(1).max(MAX_REPEATED_SAMPLES).default(8),
    /** majority: the plurality answer (ties: the answer first reached by sample index); verifier: the highest score (ties: lowest index); oracle: the first sample the grader marks correct. */
    selection: z.enum(['majority', 'verifier', 'oracle']).default('majority'),
    /**
     * Scores every sample (shown in the sample list, used by selection 'verifier'): judge_orm, the
     * judge reads the whole solution as one step; judge_prm, the judge scores each step, aggregated;
     * mean_logprob, exp(mean token log-probability), the geometric-mean probability.
     */
    verifier: z.enum(['judge_orm', 'judge_prm', 'mean_logprob']).default('mean_logprob'),
    prmAggregation: z.enum(['min', 'product', 'last']).default('min'),
    /** Judge the closing step (</think> and the answer line) like any step; off: it inherits the last reasoning step's score (ORM: the judge reads the reasoning before it). */
    judgeClosingStep: z.boolean().default(false),
  }),
  docs: {
    k: { label: 'Samples (k)', help: `Independent samples of the prompt (sample i uses seed (seed + i x ${SAMPLE_SEED_STRIDE}) mod 2^31; at most ${MAX_REPEATED_SAMPLES}). Set a temperature above 0, or every sample is the greedy one.` },
    selection: { label: 'Selection', help: "majority: the most frequent answer (ties: the answer reached first); verifier: the highest verifier score (ties: the lowest sample index); oracle: the first sample the task grader marks correct (needs a dataset item's gold answer)." },
    verifier: { label: 'Verifier', help: "judge_orm: the judge model scores the whole solution once; judge_prm: it scores every step, aggregated below; mean_logprob: exp(mean log-probability of the sample's tokens). Scores lie in [0, 1]; a judge digit d counts (d + 0.5) / 10." },
    prmAggregation: { label: 'PRM aggregation', help: 'How judge_prm turns step scores into one: the weakest step, the product, or the last step (as the particle-filtering paper compares).' },
    judgeClosingStep: {
      label: 'Judge the closing step',
      help: "Score the closing step (</think> and the answer line) like any step. Off: it takes the last reasoning step's score (the outcome judge reads the reasoning before it), since the embedded judge was not trained on closing steps and scores them low.",
      unverified: true,
    },
  },
  roles: { model: { size: 'big', needs: [] }, judge: { size: 'big', needs: [] } },
  primaryRole: 'model',
  presets: [
    { label: 'Majority vote', params: { selection: 'majority' } },
    { label: 'PRM best-of-k', params: { selection: 'verifier', verifier: 'judge_prm', prmAggregation: 'min' } },
  ],
  panels: ['samples'],
  metrics: ['samples', 'sampleTokens', 'selectedSample', 'judgeMs', 'paramWeightedCost'],
});
