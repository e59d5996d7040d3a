// Resampling for particle filtering (Puri et al. 2025, Algorithm 1): draw N ancestor indices with
// replacement, each particle chosen with probability proportional to its weight. Multinomial
// resampling is the paper's (N independent inverse-CDF draws, as numpy's random.choice); systematic
// resampling is the lower-variance option (one uniform offset, N evenly spaced points). Both take
// the uniform source as a function so a seeded generator makes them reproducible.

/** The resampling schemes a particle filter offers. */
export type ResamplingScheme = 'multinomial' | 'systematic';

/** A source of uniform numbers in [0, 1) (a seeded generator's `next`). */
export type Uniform = () => number;

/** The weights normalised to sum to 1; throws on a negative, non-finite or all-zero weight vector. */
export function normalizeWeights(weights: readonly number[]): number[] {
  if (weights.length === 0) throw new RangeError('resampling needs at least one weight');
  let total = 0;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`resampling weights must be finite and non-negative, got ${w}`);
    total += w;
  }
  if (total <= 0) throw new RangeError('resampling weights must not all be zero');
  return weights.map((w) => w / total);
}

// The index whose cumulative interval [cdf[i-1], cdf[i]) holds u; zero-weight indices are never chosen.
function inverseCdf(p: readonly number[], u: number): number {
  let cum = 0;
  let last = -1;
  for (let i = 0; i < p.length; i++) {
    if (p[i]! <= 0) continue;
    cum += p[i]!;
    last = i;
    if (u < cum) return i;
  }
  return last; // rounding: u landed past the accumulated total
}

/** N independent draws of an index, each with probability weight / sum (with replacement). */
export function multinomialResample(weights: readonly number[], n: number, uniform: Uniform): number[] {
  const p = normalizeWeights(weights);
  return Array.from({ length: n }, () => inverseCdf(p, uniform()));
}

/**
 * Systematic resampling: one u0 in [0, 1/N), then the points u0 + i/N, i = 0..N-1, through the
 * inverse CDF. Each index gets floor(N w) or ceil(N w) copies, in index order.
 */
export function systematicResample(weights: readonly number[], n: number, uniform: Uniform): number[] {
  const p = normalizeWeights(weights);
  const u0 = uniform() / n;
  return Array.from({ length: n }, (_, i) => inverseCdf(p, u0 + i / n));
}

/** Resampling by the named scheme: the N ancestor indices, one per new particle. */
export function resample(scheme: ResamplingScheme, weights: readonly number[], n: number, uniform: Uniform): number[] {
  return scheme === 'systematic' ? systematicResample(weights, n, uniform) : multinomialResample(weights, n, uniform);
}

/** How many copies each of `size` particles got from a resampling's ancestor indices. */
export function offspringCounts(ancestors: readonly number[], size: number): number[] {
  const counts = new Array<number>(size).fill(0);
  for (const a of ancestors) counts[a]!++;
  return counts;
}

/** Effective sample size 1 / sum(w^2) of normalised weights (N for uniform weights, 1 for one particle). */
export function effectiveSampleSize(weights: readonly number[]): number {
  const p = normalizeWeights(weights);
  return 1 / p.reduce((s, w) => s + w * w, 0);
}
