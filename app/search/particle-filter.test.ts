// The particle-filter loop on a toy policy (a boundary we stand in for: the model writing a step).
// Each step is a digit 1, 2 or 3 drawn with probabilities 0.5, 0.3, 0.2; a particle finishes on a 3
// or after three steps. Independent samples then have length 1, 2, 3 with probabilities 0.2, 0.16,
// 0.64, and with a constant process reward the filter's chosen particle must follow that law.
import { describe, expect, it } from 'vitest';
import { Rng } from '../tasks/random';
import type { ParticleFilterOptions, ParticleStep } from './particle-filter';
import { runParticleFilter } from './particle-filter';

type Digits = readonly number[];

function toyPolicy(rng: Rng, reward: (steps: Digits) => number) {
  return async (particles: readonly { particle: number; state: Digits }[]): Promise<ParticleStep<Digits>[]> =>
    particles.map(({ state }) => {
      const u = rng.next();
      const d = u < 0.5 ? 1 : u < 0.8 ? 2 : 3;
      const steps = [...state, d];
      return { state: steps, text: String(d), tokens: 1, stepScore: reward(steps), reward: reward(steps), finished: d === 3 || steps.length >= 3 };
    });
}

const options = (seed: number, over: Partial<ParticleFilterOptions> = {}): ParticleFilterOptions => {
  const rng = new Rng(seed * 7 + 1);
  return { particles: 4, softmaxTemperature: 1, resampling: 'multinomial', stepBudget: 10, resampleFinished: true, uniform: () => rng.next(), ...over };
};

/** The chosen particle (highest weight, ties to the lowest index, as final-answer.ts) of one run. */
async function chosen(seed: number, reward: (steps: Digits) => number, over: Partial<ParticleFilterOptions> = {}): Promise<Digits> {
  const r = await runParticleFilter<Digits>([], options(seed, over), { extend: toyPolicy(new Rng(seed), reward) });
  let best = 0;
  r.weights.forEach((w, i) => (w > r.weights[best]! ? (best = i) : 0));
  return r.particles[best]!.state;
}

describe('particle filter loop', () => {
  it.each(['multinomial', 'systematic'] as const)('with a constant reward, the chosen particle follows the independent samples law (%s, chi-square, fixed seeds)', async (resampling) => {
    const trials = 600;
    const counts = [0, 0, 0];
    for (let s = 0; s < trials; s++) counts[(await chosen(s, () => 0.5, { resampling })).length - 1]!++;
    const expected = [0.2, 0.16, 0.64].map((p) => p * trials);
    const chi2 = counts.reduce((sum, c, i) => sum + (c - expected[i]!) ** 2 / expected[i]!, 0);
    // 13.8 is the 0.999 quantile of chi-square with 2 degrees of freedom; the seeds are fixed.
    expect(chi2).toBeLessThan(13.8);
  });

  it('an informative reward moves the chosen particle towards the rewarded steps; uniform weights would not', async () => {
    const share1 = (xs: Digits) => xs.filter((d) => d === 1).length / xs.length;
    const rewardOnes = (steps: Digits) => (steps[steps.length - 1] === 1 ? 0.9 : 0.1);
    let informed = 0;
    let constant = 0;
    const trials = 200;
    for (let s = 0; s < trials; s++) {
      informed += share1(await chosen(s, rewardOnes));
      constant += share1(await chosen(s, () => 0.5));
    }
    // Independent samples put about 0.44 of their steps on 1; weighting by the reward raises that a lot.
    expect(constant / trials).toBeLessThan(0.55);
    expect(informed / trials - constant / trials).toBeGreaterThan(0.2);
  });

  it('records a consistent trace: nodes chain to their parents, ancestors name old particles, weights sum to 1', async () => {
    const steps: { nodes: { id: number; parent: number; particle: number; depth: number }[]; particleNodes: number[]; weights: number[] }[] = [];
    const resamples: { ancestors: number[]; particleNodes: number[] }[] = [];
    const nodeIds = new Set<number>([-1]);
    let prevNodes = [-1, -1, -1, -1];
    const r = await runParticleFilter<Digits>([], options(3), {
      extend: toyPolicy(new Rng(3), (xs) => 0.2 + 0.2 * xs.length),
      onStep: (e) => {
        for (const n of e.nodes) {
          expect(nodeIds.has(n.parent)).toBe(true);
          expect(n.parent).toBe(prevNodes[n.particle]);
          nodeIds.add(n.id);
        }
        expect(e.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        steps.push(e);
        prevNodes = e.particleNodes;
      },
      onResample: (e) => {
        expect(e.particleNodes).toEqual(e.ancestors.map((a) => prevNodes[a]));
        resamples.push(e);
        prevNodes = e.particleNodes;
      },
    });
    expect(r.reason).toBe('finished');
    expect(r.steps).toBe(steps.length);
    expect(r.resamplings).toBe(resamples.length);
    expect(steps[0]!.nodes).toHaveLength(4);
    expect(r.particles.every((p) => p.finished && p.state.length === p.depth)).toBe(true);
  });

  it('without resampleFinished, a finished particle keeps its slot and is never copied over another', async () => {
    let finishedAt = new Map<number, number>();
    await runParticleFilter<Digits>([], options(9, { resampleFinished: false }), {
      extend: toyPolicy(new Rng(9), () => 0.5),
      onStep: (e) => {
        for (const n of e.nodes) if (finishedAt.has(n.particle)) throw new Error(`finished particle ${n.particle} was extended`);
        e.nodes.forEach((n) => (n.finished ? finishedAt.set(n.particle, n.id) : 0));
      },
      onResample: (e) => {
        for (const [p] of finishedAt) expect(e.ancestors[p]).toBe(p);
        e.ancestors.forEach((a, i) => (finishedAt.has(i) ? 0 : expect(finishedAt.has(a)).toBe(false)));
        finishedAt = new Map([...finishedAt]);
      },
    });
  });

  it('stops at the step budget and when cancelled', async () => {
    const r = await runParticleFilter<Digits>([], options(1, { stepBudget: 1 }), { extend: toyPolicy(new Rng(1), () => 0.5) });
    expect(r.steps).toBe(1);
    expect(r.resamplings).toBe(0);
    const c = await runParticleFilter<Digits>([], options(1), { extend: toyPolicy(new Rng(1), () => 0.5), cancelled: () => true });
    expect(c.reason).toBe('cancelled');
    await expect(runParticleFilter<Digits>([], options(1, { particles: 0 }), { extend: toyPolicy(new Rng(1), () => 0.5) })).rejects.toThrow(/at least one particle/);
  });
});
