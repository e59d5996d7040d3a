// Aggregating a process reward model's per-step scores into one score for a (partial) solution, the
// three rules the particle-filtering paper compares (Puri et al. 2025 §4.2, Fig 5): the minimum over
// steps, the product, or the last step's score. Scores are in [0, 1] (process-reward.ts maps the
// judge's 0-9 digit there).

/** How per-step scores become one: the weakest step, the product of all, or the latest step. */
export type PrmAggregation = 'min' | 'product' | 'last';

/** Every aggregation rule, in display order. */
export const prmAggregations: readonly PrmAggregation[] = ['min', 'product', 'last'];

/**
 * One score from per-step scores. An empty list scores 0: a solution with no step has verified
 * nothing, and must not beat one whose steps were scored. Throws on a score outside [0, 1] or NaN
 * (the caller mapped the judge wrongly).
 */
export function aggregateStepScores(scores: readonly number[], how: PrmAggregation): number {
  for (const s of scores) {
    if (!(s >= 0 && s <= 1)) throw new Error(`a step score must lie in [0, 1], got ${s}`);
  }
  if (scores.length === 0) return 0;
  switch (how) {
    case 'min':
      return Math.min(...scores);
    case 'product':
      return scores.reduce((a, b) => a * b, 1);
    case 'last':
      return scores[scores.length - 1]!;
  }
}
