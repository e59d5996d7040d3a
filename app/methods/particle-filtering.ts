// Particle filtering (Puri et al. 2025): N partial solutions ("particles") advance one reasoning step
// at a time; the process reward model (the embedded step judge) scores each, the weights are
// softmax(logit(r) / temperature), and the particles are resampled by weight before the next step.
import { z } from 'zod';
import { defineMethod, UNVERIFIED_NOTE } from './descriptor';

export const particleFiltering = defineMethod({
  id: 'particle_filtering',
  label: 'Particle filtering',
  summary: 'N particles advance one reasoning step at a time, weighted by the judge as a process reward model and resampled by weight.',
  family: 'reasoning',
  paper: {
    title: 'A Probabilistic Inference Approach to Inference-Time Scaling of LLMs using Particle-Based Monte Carlo Methods (Puri et al. 2025)',
    url: 'https://arxiv.org/abs/2502.01618',
  },
  lossless: false,
  params: z.object({
    /** Number of particles N (the paper sweeps 1-128; budget 64 in its Table 1). */
    particles: z.number().int().min(1).max(64).default(4),
    /** Softmax temperature over the rewards' logits (the paper's main script uses 1). */
    softmaxTemperature: z.number().gt(0).max(100).default(1),
    resampling: z.enum(['multinomial', 'systematic']).default('multinomial'),
    /** Most steps a particle takes (the paper's code stops at 40). */
    stepBudget: z.number().int().min(1).max(200).default(40),
    /** Longest step in tokens (the paper's code: 1024). */
    stepTokenCap: z.number().int().min(1).max(4096).default(128),
    /** How a particle's step scores become its reward (the paper compares these; product was the best of the three). */
    prmAggregation: z.enum(['min', 'product', 'last']).default('product'),
    finalAnswer: z.enum(['highest-weight', 'weighted-vote']).default('highest-weight'),
    /** Finished particles stay in the resampling pool with their last reward (the paper script's --resample-inactive). */
    resampleFinished: z.boolean().default(true),
    /** Judge the closing step (</think> and the answer line) like any step; off: it inherits the last step's score. */
    judgeClosingStep: z.boolean().default(false),
  }),
  docs: {
    particles: { label: 'Particles (N)', help: 'Partial solutions advanced in parallel, one reasoning step at a time.' },
    softmaxTemperature: { label: 'Softmax temperature', help: 'Weights are softmax(logit(r) / T) of the rewards r; at 1 a weight is proportional to the odds r / (1 - r), lower values favour the best particles.' },
    resampling: { label: 'Resampling', help: "multinomial: N independent draws by weight (the paper's); systematic: one offset and N evenly spaced draws (lower variance)." },
    stepBudget: { label: 'Step budget', help: 'Most reasoning steps per particle; unfinished particles stop there (the paper code stops at 40).' },
    stepTokenCap: { label: 'Step token cap', help: `Longest step a particle may write ${UNVERIFIED_NOTE}; the paper's code allows 1024.` },
    prmAggregation: { label: 'PRM aggregation', help: "A particle's reward from its step scores: the weakest step (min), the product, or the last step's score." },
    finalAnswer: { label: 'Final answer', help: 'highest-weight: the particle of highest weight (the paper\'s evaluation); weighted-vote: the answer whose particles carry the most weight.' },
    resampleFinished: { label: 'Resample finished particles', help: "Finished particles stay in the pool with their last reward and are not extended (the paper script's --resample-inactive); off: only unfinished ones are resampled." },
    judgeClosingStep: { label: 'Judge the closing step', help: 'Score the closing step (</think> and the answer line) like any step. Off: it takes the last reasoning step\'s score, since the embedded judge was not trained on closing steps and scores them low.', unverified: true },
  },
  roles: { policy: { size: 'small', needs: [] }, judge: { size: 'big', needs: [] } },
  primaryRole: 'policy',
  presets: [{ label: 'Systematic, weighted vote', params: { resampling: 'systematic', finalAnswer: 'weighted-vote' } }],
  panels: ['search'],
  metrics: ['steps', 'prmCalls', 'sampledTokens', 'resamplings', 'judgeMs'],
});
