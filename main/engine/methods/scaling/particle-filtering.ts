// Particle filtering (Puri et al. 2025, arXiv 2502.01618; the paper's particle_gibbs code): N
// particles advance one reasoning step at a time (the policy samples each particle's next step up to
// the step delimiter, all in one ctx.sampleMany call), the judge scores the new step as a process
// reward model, the particles' rewards (step scores aggregated) become weights softmax(logit(r) / T),
// and the particles are resampled by weight, until all finish or the step budget ends. The loop is
// app/search/particle-filter.ts; this file drives it with models and records the trace: one
// particle_step event per step, one resample event per resampling, and the search_result.
import type { MethodConfigOf } from '@app/methods';
import { chooseFinal } from '@app/search/final-answer';
import { runParticleFilter } from '@app/search/particle-filter';
import { extractAnswer } from '@app/tasks';
import { SamplingRng } from '../../runtime/sampling';
import type { MethodImplementation } from '../context';
import type { SolutionState } from './step-search';
import { EMPTY_SOLUTION, StepSearch, checkSearch, traceNode } from './step-search';

type Config = MethodConfigOf<'particle_filtering'>;

export const particleFiltering: MethodImplementation<Config> = {
  check: (_config, models) => checkSearch(models, 'Particle filtering'),

  async run(ctx) {
    const p = ctx.config.params;
    if (ctx.sampling.temperature === 0 && p.particles > 1) {
      ctx.emit({ kind: 'note', level: 'warn', message: 'greedy decoding (temperature 0) gives every particle the same steps: set a temperature (the paper samples at 0.8)' });
    }
    const search = new StepSearch(ctx, p.stepTokenCap, p.prmAggregation, p.judgeClosingStep);
    // The resampling draws have their own stream, apart from the policy's seeds.
    const resampleRng = new SamplingRng((ctx.sampling.seed ^ 0x5bd1e995) >>> 0);
    let stepStart = performance.now();
    const result = await runParticleFilter<SolutionState>(
      EMPTY_SOLUTION,
      { particles: p.particles, softmaxTemperature: p.softmaxTemperature, resampling: p.resampling, stepBudget: p.stepBudget, resampleFinished: p.resampleFinished, uniform: () => resampleRng.next() },
      {
        extend: async (particles) => search.extend(particles.map((x) => x.state)),
        onStep: (e) => {
          ctx.emit({ kind: 'particle_step', step: e.step, nodes: e.nodes.map((n) => traceNode(n, { particle: n.particle })), particleNodes: e.particleNodes, weights: e.weights, ms: performance.now() - stepStart });
          stepStart = performance.now();
        },
        onResample: (e) => {
          ctx.emit({ kind: 'resample', step: e.step, scheme: p.resampling, weights: e.weights, ancestors: e.ancestors, particleNodes: e.particleNodes, ess: e.ess });
          stepStart = performance.now();
        },
        cancelled: () => ctx.signal.cancelled,
      },
    );

    const candidates = result.particles.map((x, i) => ({ particle: i, weight: result.weights[i]!, answer: extractAnswer(search.textOf(x.state.tokens), 'exact') }));
    const chosen = chooseFinal(p.finalAnswer, candidates);
    if (chosen) {
      const particle = result.particles[chosen.particle]!;
      ctx.emit({ kind: 'search_result', path: pathOf(particle.node, result.parents), reason: result.reason, reward: particle.reward, particle: chosen.particle, answer: chosen.answer });
      if (!ctx.signal.cancelled) await search.writeOutput(particle.state);
    }
    if (result.reason === 'steps') ctx.sink.stop('budget');
    return { steps: result.steps, resamplings: result.resamplings, prmCalls: search.prmCalls, sampledTokens: search.sampledTokens, judgeMs: search.judgeMs };
  },
};

/** Node ids from the first step to `node`, by the parent links the loop recorded. */
function pathOf(node: number, parents: ReadonlyMap<number, number>): number[] {
  const path: number[] = [];
  for (let n = node; n >= 0; n = parents.get(n) ?? -1) path.unshift(n);
  return path;
}
