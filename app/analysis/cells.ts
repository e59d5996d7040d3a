// The cells of an experiment's results matrix: one (item, arm, sample) each, filled by the run that
// counts for it when a cell was run more than once (a cancelled or interrupted run redone on resume).
import type { ResultCell } from '../experiments';
import type { RunMetrics } from '../runs';

/** A result cell with the run's full metrics (what the per-arm aggregates need). */
export interface MeasuredCell extends ResultCell {
  metrics: RunMetrics | null;
}

/** The key of a cell: item, arm and sample index. */
export function cellKey(itemId: string, arm: string, sample: number): string {
  return JSON.stringify([itemId, arm, sample]);
}

/**
 * Whether a run settles its cell for good, so that a resume does not run it again: completed, or
 * failed for a reason of its own. Runs cancelled, interrupted or killed with the engine are redone.
 */
export function isSettled(status: string, errorCode?: string | null): boolean {
  return status === 'completed' || (status === 'failed' && errorCode !== 'engine_crashed' && errorCode !== 'cancelled');
}

/**
 * One run per cell out of all the runs made for cells: a completed run wins over any other status,
 * then a failed one, then the latest (by `order`, e.g. creation order). Input order is otherwise kept.
 */
export function pickCellRuns<T extends { itemId: string; arm: string; sample: number; status: string }>(runs: readonly T[]): T[] {
  const rank = (s: string) => (s === 'completed' ? 2 : s === 'failed' ? 1 : 0);
  const best = new Map<string, T>();
  for (const run of runs) {
    const key = cellKey(run.itemId, run.arm, run.sample);
    const held = best.get(key);
    if (!held || rank(run.status) >= rank(held.status)) best.set(key, run);
  }
  return [...best.values()];
}
