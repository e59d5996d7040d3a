// The rows of the results matrix: one per item, each holding every arm's cells (samples in order),
// whether the arms disagree on it, and a summary per arm for repeated samples.
import { differingItems } from '@app/analysis/differences';
import { majorityWinner } from '@app/analysis/majority-vote';
import type { ExperimentResults, ResultCell } from '@app/experiments';

export type ResultsItem = ExperimentResults['items'][number];

export interface ArmSummary {
  cells: ResultCell[];
  /** Graded samples and how many were correct. */
  graded: number;
  correct: number;
  /** The majority answer over graded samples (k > 1) and whether it was right. */
  majority: { answer: string; correct: boolean | null } | null;
  meanLatencyMs: number | null;
}

export interface MatrixRow {
  index: number;
  item: ResultsItem;
  arms: Record<string, ArmSummary>;
  differs: boolean;
}

function summarize(cells: ResultCell[]): ArmSummary {
  const done = cells.filter((c) => c.status === 'completed');
  const graded = done.filter((c) => c.correct !== null);
  const latencies = done.flatMap((c) => (c.latencyMs === null ? [] : [c.latencyMs]));
  const winner = majorityWinner(graded);
  return {
    cells,
    graded: graded.length,
    correct: graded.filter((c) => c.correct).length,
    majority: winner?.answer != null ? { answer: winner.answer, correct: winner.correct } : null,
    meanLatencyMs: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : null,
  };
}

/** Matrix rows in item order; with `differencesOnly`, just the items on which arms disagree. */
export function buildMatrixRows(results: Pick<ExperimentResults, 'items' | 'cells'>, arms: readonly string[], differencesOnly: boolean): MatrixRow[] {
  const byItem = new Map<string, Map<string, ResultCell[]>>();
  for (const c of results.cells) {
    const perArm = byItem.get(c.itemId) ?? new Map<string, ResultCell[]>();
    const list = perArm.get(c.arm) ?? [];
    list.push(c);
    perArm.set(c.arm, list);
    byItem.set(c.itemId, perArm);
  }
  const differs = differingItems(results.cells);
  const rows: MatrixRow[] = [];
  results.items.forEach((item, index) => {
    if (differencesOnly && !differs.has(item.id)) return;
    const perArm = byItem.get(item.id);
    const summaries: Record<string, ArmSummary> = {};
    for (const arm of arms) summaries[arm] = summarize([...(perArm?.get(arm) ?? [])].sort((a, b) => a.sample - b.sample));
    rows.push({ index, item, arms: summaries, differs: differs.has(item.id) });
  });
  return rows;
}

/** Run ids of the given rows (every arm and sample), for exporting a selection. */
export function runIdsOf(rows: readonly MatrixRow[]): string[] {
  return rows.flatMap((r) => Object.values(r.arms).flatMap((a) => a.cells.map((c) => c.runId)));
}

/**
 * The runs that compare one item across its arms: each arm's first sample that has a run, in arm
 * order, at most `max` (the run comparison shows six).
 */
export function itemCompareRunIds(row: Pick<MatrixRow, 'arms'>, arms: readonly string[], max = 6): string[] {
  const ids: string[] = [];
  for (const arm of arms) {
    const cell = row.arms[arm]?.cells.find((c) => c.runId);
    if (cell?.runId) ids.push(cell.runId);
  }
  return ids.slice(0, max);
}
