// Per-arm aggregates of an experiment: accuracy with its Wilson interval, latency, speedup against
// the baseline on the cells both completed, pooled decode throughput and acceptance statistics, the
// large-model share and cost of two-model methods, and pass@k / majority vote for repeated samples.
import type { ArmAggregate } from '../experiments';
import type { MeasuredCell } from './cells';
import { cellKey } from './cells';
import { majorityVoteAccuracy } from './majority-vote';
import type { ItemTally } from './pass-at-k';
import { passAtKCurve } from './pass-at-k';
import type { SpeedupPair } from './speedup';
import { decodeSpeedup, meanAcceptedTokens, specBenchSpeedup } from './speedup';
import { wilsonInterval } from './wilson';

/** What the aggregates need of an arm. */
export interface ArmInfo {
  id: string;
  label: string;
  method: string;
  baseline: boolean;
}

function mean(values: readonly number[]): number | null {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Sum of a / sum of b over pairs where b > 0; null when nothing is left. */
function pooled(pairs: readonly [number, number][]): number | null {
  let num = 0;
  let den = 0;
  for (const [a, b] of pairs) {
    num += a;
    den += b;
  }
  return den > 0 ? num / den : null;
}

/**
 * Per-position acceptance pooled over runs, each run weighted by its rounds (a position a run never
 * drafted counts as not accepted in its rounds). Null when no run reports it.
 */
function pooledPerPosition(cells: readonly MeasuredCell[]): number[] | null {
  const withRates = cells.filter((c) => c.metrics?.perPositionAcceptance?.length && (c.metrics.rounds ?? 0) > 0);
  if (withRates.length === 0) return null;
  const length = Math.max(...withRates.map((c) => c.metrics!.perPositionAcceptance!.length));
  const rounds = withRates.reduce((a, c) => a + c.metrics!.rounds!, 0);
  return Array.from({ length }, (_, i) => withRates.reduce((a, c) => a + (c.metrics!.perPositionAcceptance![i] ?? 0) * c.metrics!.rounds!, 0) / rounds);
}

function meanAcceptance(cells: readonly MeasuredCell[]): number | null {
  const counted = cells.filter((c) => c.metrics?.rounds && c.metrics.acceptedTokens !== undefined);
  if (counted.length > 0) {
    // vLLM's definition: 1 + accepted / rounds, pooled over every round of the arm.
    return 1 + pooled(counted.map((c) => [c.metrics!.acceptedTokens!, c.metrics!.rounds!]))!;
  }
  return mean(cells.flatMap((c) => (c.metrics?.meanAcceptanceLength !== undefined ? [c.metrics.meanAcceptanceLength] : [])));
}

/** Items' graded samples of one arm, grouped by item. */
function byItem(cells: readonly MeasuredCell[]): Map<string, MeasuredCell[]> {
  const items = new Map<string, MeasuredCell[]>();
  for (const c of cells) {
    if (c.correct === null) continue;
    const list = items.get(c.itemId) ?? [];
    list.push(c);
    items.set(c.itemId, list);
  }
  return items;
}

/**
 * Aggregates each arm's completed cells. Accuracy counts graded samples (every sample of every item);
 * the 95% Wilson interval treats them as independent trials. Speedup is Spec-Bench's (speedup.ts:
 * mean wall-time tokens/s over the baseline's) and decode speedup its decode-only companion, both over
 * the (item, sample) cells that both completed. Decode tokens/s,
 * acceptance length and per-position acceptance are pooled over runs (ratios of sums, as Spec-Bench
 * and vLLM report them); the large-model share is weighted by tokens. pass@k (k = 1..samplesPerItem,
 * unbiased estimator) and majority vote are given only when samplesPerItem > 1.
 */
export function aggregateArms(arms: readonly ArmInfo[], cells: readonly MeasuredCell[], samplesPerItem: number): ArmAggregate[] {
  const completed = cells.filter((c) => c.status === 'completed');
  const baseline = arms.find((a) => a.baseline) ?? null;
  const baselineMetrics = new Map<string, NonNullable<MeasuredCell['metrics']>>();
  for (const c of completed) {
    if (baseline && c.armId === baseline.id && c.metrics) baselineMetrics.set(cellKey(c.itemId, '', c.sample), c.metrics);
  }
  return arms.map((arm): ArmAggregate => {
    const own = completed.filter((c) => c.armId === arm.id);
    const graded = own.filter((c) => c.correct !== null);
    const correct = graded.filter((c) => c.correct).length;
    const latencies = own.flatMap((c) => (c.latencyMs !== null ? [c.latencyMs] : []));
    const paired: SpeedupPair[] = own.flatMap((c) => {
      const base = baselineMetrics.get(cellKey(c.itemId, '', c.sample));
      return base !== undefined && c.metrics ? [{ arm: c.metrics, base }] : [];
    });
    const withMetrics = own.filter((c) => c.metrics !== null);
    const items = byItem(own);
    const repeated = samplesPerItem > 1;
    const tallies: ItemTally[] = [...items.values()].map((list) => ({ n: list.length, c: list.filter((c) => c.correct).length }));
    const shares = withMetrics.filter((c) => c.metrics!.largeShare !== undefined);
    return {
      armId: arm.id,
      arm: arm.label,
      baseline: arm.baseline,
      method: arm.method,
      runs: own.length,
      accuracy: graded.length > 0 ? correct / graded.length : null,
      accuracyCi: wilsonInterval(correct, graded.length),
      meanLatencyMs: mean(latencies),
      speedup: specBenchSpeedup(paired),
      decodeSpeedup: decodeSpeedup(paired),
      meanAcceptedTokens: meanAcceptedTokens(withMetrics.map((c) => c.metrics!)),
      coldRuns: withMetrics.filter((c) => c.metrics!.coldStart).length,
      decodeTokensPerS: pooled(withMetrics.filter((c) => c.metrics!.decodeMs > 0).map((c) => [c.metrics!.newTokens, c.metrics!.decodeMs / 1000])),
      meanAcceptanceLength: meanAcceptance(withMetrics),
      perPositionAcceptance: pooledPerPosition(withMetrics),
      largeShare: pooled(shares.map((c) => [c.metrics!.largeShare! * c.metrics!.newTokens, c.metrics!.newTokens])),
      paramWeightedCost: mean(withMetrics.flatMap((c) => (c.metrics!.paramWeightedCost !== undefined ? [c.metrics!.paramWeightedCost] : []))),
      meanNewTokens: mean(withMetrics.map((c) => c.metrics!.newTokens)),
      // Repeated sampling's samples, or every particle's / candidate's tokens for the search methods.
      meanGeneratedTokens: mean(withMetrics.map((c) => c.metrics!.sampleTokens ?? c.metrics!.sampledTokens ?? c.metrics!.newTokens)),
      // k values no item reached yet (a running experiment) are left off the end of the curve.
      passAtK: repeated ? passAtKCurve(tallies, samplesPerItem).filter((p): p is number => p !== null) : null,
      majorityVote: repeated ? majorityVoteAccuracy([...items.values()]) : null,
    };
  });
}
