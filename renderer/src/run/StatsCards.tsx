// Stats cards of a run: the core speed figures, then every method metric the run has, with the
// per-position acceptance rates drawn as small bars.
import type { RunMetrics } from '../../../app/runs';
import { formatShare } from './format';
import { metricDefsFor } from './metric-defs';
import './run.css';

export interface StatsCardsProps {
  metrics: Partial<RunMetrics> | null;
  /** The run's method: its own metrics come first. */
  method?: string;
  /** Dim the values (a live preview, replaced by the engine's figures at the end). */
  provisional?: boolean;
}

/** A grid of metric cards. */
export function StatsCards({ metrics, provisional, method }: StatsCardsProps) {
  const m = metrics ?? {};
  const shown = metricDefsFor(method).filter((d) => d.core || typeof m[d.key] === 'number');
  const perPosition = m.perPositionAcceptance;
  return (
    <div className={provisional ? 'stats-cards is-provisional' : 'stats-cards'} data-testid="stats-cards">
      {shown.map((d) => {
        const v = m[d.key];
        return (
          <div key={d.key} className="stat-card" title={d.help} data-metric={d.key}>
            <div className="stat-label">{d.label}</div>
            <div className="stat-value num">{typeof v === 'number' ? d.format(v) : '–'}</div>
          </div>
        );
      })}
      {perPosition && perPosition.length > 0 && (
        <div className="stat-card stat-card-wide" title="Unconditional acceptance rate at each draft position: accepted at position i / rounds" data-metric="perPositionAcceptance">
          <div className="stat-label">Per-position acceptance (%)</div>
          <div className="stat-bars" role="img" aria-label={`Per-position acceptance: ${perPosition.map((p, i) => `${i + 1}: ${formatShare(p)}`).join(', ')}`}>
            {perPosition.map((p, i) => (
              <div key={i} className="stat-bar" title={`position ${i + 1}: ${formatShare(p)}`}>
                <div className="stat-bar-value">{Math.round(p * 100)}</div>
                <div className="stat-bar-fill" style={{ height: `${Math.max(2, Math.min(1, p) * 70)}%` }} />
                <div className="stat-bar-label">{i + 1}</div>
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
