// The metrics table of the run comparison: one row per figure, one column per run. Outcome rows
// (status, answer, correct, stop reason) first, then every metric the stats cards know that at least
// one compared run has, then end-to-end tokens/s and its ratio to the first run's.
//
// Pure: no React, no API.
import type { RunRecord } from '@app/runs';
import { metricDefs } from '../../panels/run/metric-defs';
import { formatNumber, formatRate, MISSING } from '../../panels/run/format';

export interface CompareMetricRow {
  key: string;
  label: string;
  help: string;
  values: string[];
  /** Whether the runs' values differ (rows that differ are marked in the table). */
  differs: boolean;
}

type Compared = Pick<RunRecord, 'status' | 'answer' | 'correct' | 'metrics'>;

/** End-to-end generated tokens per second (new tokens over total wall time). */
export function endToEndTokensPerS(run: Compared): number | null {
  const m = run.metrics;
  if (!m || m.totalMs <= 0 || m.newTokens <= 0) return null;
  return m.newTokens / (m.totalMs / 1000);
}

function row(key: string, label: string, help: string, values: string[]): CompareMetricRow {
  return { key, label, help, values, differs: new Set(values).size > 1 };
}

/** The table's rows for the compared runs, in column order. */
export function compareMetricRows(runs: readonly Compared[]): CompareMetricRow[] {
  const rows: CompareMetricRow[] = [
    row('status', 'Status', 'How the run ended', runs.map((r) => r.status)),
    row('answer', 'Answer', 'The answer the grader extracted from the output', runs.map((r) => r.answer ?? MISSING)),
    row('correct', 'Correct', 'Whether the answer matched the reference (– without one)', runs.map((r) => (r.correct === null ? MISSING : r.correct ? 'correct' : 'wrong'))),
    row('stopReason', 'Stop reason', 'Why generation ended', runs.map((r) => r.metrics?.stopReason ?? MISSING)),
  ];
  for (const def of metricDefs) {
    const present = runs.some((r) => typeof r.metrics?.[def.key] === 'number');
    if (!present && !def.core) continue;
    rows.push(
      row(
        def.key,
        def.label,
        def.help,
        runs.map((r) => {
          const v = r.metrics?.[def.key];
          return typeof v === 'number' ? def.format(v) : MISSING;
        }),
      ),
    );
  }
  const tps = runs.map(endToEndTokensPerS);
  rows.push(row('tokensPerS', 'End-to-end tok/s', 'New tokens over the whole run time', tps.map((v) => formatRate(v))));
  const first = tps[0] ?? null;
  rows.push(
    row(
      'vsFirst',
      'Tok/s vs run 1',
      "End-to-end tokens/s over the first compared run's",
      tps.map((v) => (v !== null && first ? `${formatNumber(v / first, 2)}×` : MISSING)),
    ),
  );
  return rows;
}
