// Steered vs unsteered on a dataset: the experiment's progress and per-arm accuracy and mean
// reasoning length from its runs (refreshed as runs finish).
import { useEffect, useState } from 'react';
import type { RunSummary } from '@app/runs';
import { errorText, getClient } from '../api/workbench';
import { useExperiment } from '../panels/reasoning/use-experiment';
import { STEERED, STEERED_ARM, UNSTEERED, UNSTEERED_ARM, armStats } from './steering';

export interface ExperimentSteeringResultsProps {
  id: string;
}

/** Progress + per-arm table. */
export function ExperimentSteeringResults({ id }: ExperimentSteeringResultsProps) {
  const watch = useExperiment(id);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const done = watch.progress?.done ?? 0;
  useEffect(() => {
    getClient()
      .call('runs.list', { experimentId: id, limit: 10_000 })
      .then((r) => {
        setRuns(r.runs);
        setListError(null);
      })
      .catch((err) => setListError(errorText(err)));
  }, [id, done]);
  // Arms by the spec when known (experiments from before arm ids were migrated to arm-1, arm-2).
  const arms = watch.results?.experiment.spec.arms ?? [
    { id: STEERED_ARM, label: STEERED },
    { id: UNSTEERED_ARM, label: UNSTEERED },
  ];
  const stats = armStats(runs, arms);
  const p = watch.progress;
  return (
    <div className="ex-col">
      {(watch.error ?? listError) && <div className="error-box">{watch.error ?? listError}</div>}
      {p && (
        <div className="ex-progress" role="status">
          <progress max={Math.max(1, p.total)} value={p.done} />
          <span className="num">
            {p.done} / {p.total} · {p.status}
          </span>
        </div>
      )}
      <table className="mp-table" data-testid="steering-table">
        <thead>
          <tr>
            <th>arm</th>
            <th className="num">runs</th>
            <th className="num">accuracy</th>
            <th className="num">mean reasoning length</th>
            <th className="num">mean output tokens</th>
          </tr>
        </thead>
        <tbody>
          {stats.map((s) => (
            <tr key={s.arm}>
              <td>{s.arm}</td>
              <td className="num">{s.runs}</td>
              <td className="num">{s.accuracy === null ? '—' : `${(s.accuracy * 100).toFixed(1)}% (${s.graded})`}</td>
              <td className="num">{s.meanThinkingTokens === null ? '—' : s.meanThinkingTokens.toFixed(1)}</td>
              <td className="num">{s.meanNewTokens === null ? '—' : s.meanNewTokens.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

