// ExperimentList: every experiment with its status, arms and a progress bar; a row opens it.
import type { Experiment, ExperimentProgress } from '@app/experiments';
import { navigate } from '../state/router';
import { formatDateTime } from '../ui/date-format';
import { ExperimentStatusBadge } from './ExperimentStatusBadge';
import { ProgressBar } from './ProgressBar';

export interface ExperimentListProps {
  experiments: readonly Experiment[];
  progress: Record<string, ExperimentProgress>;
}

/** The experiment table. */
export function ExperimentList({ experiments, progress }: ExperimentListProps) {
  return (
    <table className="cmp-table cmp-experiments" aria-label="Experiments">
      <thead>
        <tr>
          <th>Name</th>
          <th>Status</th>
          <th>Progress</th>
          <th>Arms</th>
          <th className="num">Samples</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {experiments.map((e) => {
          const p = progress[e.id];
          const open = () => navigate('compare', [e.id]);
          return (
            <tr
              key={e.id}
              tabIndex={0}
              onClick={open}
              onKeyDown={(ev) => {
                if (ev.key === 'Enter') open();
              }}
            >
              <td>
                <a href={`#/compare/${encodeURIComponent(e.id)}`} onClick={(ev) => ev.stopPropagation()}>
                  {e.spec.name}
                </a>
              </td>
              <td>
                <ExperimentStatusBadge status={e.status} />
              </td>
              <td className="cmp-experiments-progress">
                <ProgressBar done={e.done} total={e.total} etaMs={e.status === 'running' ? (p?.etaMs ?? null) : null} label={`Progress of ${e.spec.name}`} compact />
              </td>
              <td className="muted">
                {e.spec.arms.map((a) => (
                  <span key={a.label} className={a.baseline ? 'cmp-arm-chip is-baseline' : 'cmp-arm-chip'}>
                    {a.label}
                  </span>
                ))}
              </td>
              <td className="num">{e.spec.samplesPerItem}</td>
              <td className="faint num">{formatDateTime(e.createdAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
