// The particle-filtering loop (Puri et al. 2025, Algorithm 1), independent of models: N particles
// advance one step at a time through a caller's `extend` (the engine: one sampled reasoning step
// per particle, scored by the process reward model); after each step the weights are
// softmax(logit(r) / T) of the particles' rewards and the particles are resampled by weight, until
// every particle has finished or the step budget ends. Finished particles are never extended; with
// `resampleFinished` (the paper script's --resample-inactive) they stay in the resampling pool with
// their last reward, otherwise they keep their slots and only the unfinished ones are resampled.
// Particle states are treated as immutable: resampling copies references.
import { particleWeights } from './particle-weights';
import type { ResamplingScheme, Uniform } from './resampling';
import { effectiveSampleSize, resample } from './resampling';

/** What one step of one particle produced (the caller scored it). */
export interface ParticleStep<S> {
  state: S;
  text: string;
  tokens: number;
  /** The process reward of this step, in [0, 1]. */
  stepScore: number;
  /** The particle's reward after this step (its step scores aggregated). */
  reward: number;
  finished: boolean;
}

/** One particle between steps. */
export interface Particle<S> {
  state: S;
  /** Its latest node (-1 before the first step). */
  node: number;
  depth: number;
  reward: number;
  finished: boolean;
}

/** A node written by one step: the step and the particle that wrote it. */
export interface ParticleNode {
  id: number;
  parent: number;
  depth: number;
  particle: number;
  text: string;
  tokens: number;
  stepScore: number;
  reward: number;
  finished: boolean;
}

export interface ParticleFilterOptions {
  particles: number;
  softmaxTemperature: number;
  resampling: ResamplingScheme;
  stepBudget: number;
  resampleFinished: boolean;
  /** The resampling draws' uniform source (seeded). */
  uniform: Uniform;
}

export interface ParticleFilterHooks<S> {
  /** Extends each listed particle by one step; results in the order asked. */
  extend(particles: readonly { particle: number; state: S }[], step: number): Promise<ParticleStep<S>[]>;
  /** After each step: the new nodes, every particle's node and weight. */
  onStep?(e: { step: number; nodes: ParticleNode[]; particleNodes: number[]; weights: number[] }): void;
  /** After each resampling: new particle i continues old particle ancestors[i]. */
  onResample?(e: { step: number; weights: number[]; ancestors: number[]; particleNodes: number[]; ess: number }): void;
  cancelled?(): boolean;
}

export interface ParticleFilterResult<S> {
  particles: Particle<S>[];
  /** The final particles' weights (softmax of their rewards' logits). */
  weights: number[];
  /** Steps taken and resampling rounds. */
  steps: number;
  resamplings: number;
  /** Every node's parent (-1: the prompt), for the chosen particle's path. */
  parents: Map<number, number>;
  /** finished: every particle finished; steps: the step budget ended first; cancelled. */
  reason: 'finished' | 'steps' | 'cancelled';
}

/** Runs the particle filter from `initial` (every particle starts there). */
export async function runParticleFilter<S>(initial: S, o: ParticleFilterOptions, hooks: ParticleFilterHooks<S>): Promise<ParticleFilterResult<S>> {
  if (!Number.isInteger(o.particles) || o.particles < 1) throw new RangeError(`a particle filter needs at least one particle, got ${o.particles}`);
  let particles: Particle<S>[] = Array.from({ length: o.particles }, () => ({ state: initial, node: -1, depth: 0, reward: 0, finished: false }));
  let weights = particles.map(() => 1 / o.particles);
  let nextId = 0;
  const parents = new Map<number, number>();
  let steps = 0;
  let resamplings = 0;
  let reason: ParticleFilterResult<S>['reason'] = 'steps';
  for (let step = 0; step < o.stepBudget; step++) {
    const active = particles.flatMap((p, i) => (p.finished ? [] : [i]));
    if (active.length === 0) break;
    if (hooks.cancelled?.()) {
      reason = 'cancelled';
      break;
    }
    const results = await hooks.extend(
      active.map((i) => ({ particle: i, state: particles[i]!.state })),
      step,
    );
    steps++;
    const nodes: ParticleNode[] = [];
    particles = particles.slice();
    active.forEach((i, j) => {
      const r = results[j]!;
      const p = particles[i]!;
      const node: ParticleNode = { id: nextId++, parent: p.node, depth: p.depth + 1, particle: i, text: r.text, tokens: r.tokens, stepScore: r.stepScore, reward: r.reward, finished: r.finished };
      nodes.push(node);
      parents.set(node.id, node.parent);
      particles[i] = { state: r.state, node: node.id, depth: node.depth, reward: r.reward, finished: r.finished };
    });
    weights = particleWeights(
      particles.map((p) => p.reward),
      o.softmaxTemperature,
    );
    hooks.onStep?.({ step, nodes, particleNodes: particles.map((p) => p.node), weights });
    if (particles.every((p) => p.finished)) {
      reason = 'finished';
      break;
    }
    if (step === o.stepBudget - 1) break;
    // Resample: the whole pool, or only the unfinished particles into their own slots.
    const pool = o.resampleFinished ? particles.map((_p, i) => i) : particles.flatMap((p, i) => (p.finished ? [] : [i]));
    const poolWeights = pool.map((i) => weights[i]!);
    const drawn = resample(o.resampling, poolWeights, pool.length, o.uniform).map((j) => pool[j]!);
    const ancestors = particles.map((_p, i) => i);
    pool.forEach((slot, j) => (ancestors[slot] = drawn[j]!));
    const before = particles;
    particles = ancestors.map((a) => ({ ...before[a]! }));
    resamplings++;
    hooks.onResample?.({ step, weights: poolWeights.length === weights.length ? weights : weights.map((w, i) => (pool.includes(i) ? w : 0)), ancestors, particleNodes: particles.map((p) => p.node), ess: effectiveSampleSize(poolWeights) });
  }
  weights = particleWeights(
    particles.map((p) => p.reward),
    o.softmaxTemperature,
  );
  if (reason !== 'cancelled' && particles.every((p) => p.finished)) reason = 'finished';
  return { particles, weights, steps, resamplings, parents, reason };
}
