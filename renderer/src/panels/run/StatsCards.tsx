// Stats cards of a run: the core speed figures, then every method metric the run has, with the
// per-position acceptance rates drawn as small bars.
import { defineFigure } from '@app/metric-definitions';
import type { RunMetrics } from '@app/runs';
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

const stopReasonLabels: Record<NonNullable<RunMetrics['stopReason']>, string> = {
  eos: 'end of turn',
  max_tokens: 'token limit',
  stop_string: 'stop string',
  cancelled: 'cancelled',
  answer: 'answer written',
  budget: 'token budget',
  repetition: 'repeated step',
};

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
      {m.stopReason !== undefined && (
        <div className="stat-card" title="Why generation ended" data-metric="stopReason">
          <div className="stat-label">{m.newTokens === 0 ? 'Stopped with 0 tokens' : 'Stop reason'}</div>
          <div className="stat-value">{stopReasonLabels[m.stopReason] ?? m.stopReason}</div>
        </div>
      )}
      {m.coldStart && (
        <div className="stat-card" title={defineFigure('coldStart')} data-metric="coldStart">
          <div className="stat-label">Cold run</div>
          <div className="stat-value">speeds read low</div>
        </div>
      )}
      {m.positionsByModel && Object.keys(m.positionsByModel).length > 0 && (
        <div className="stat-card" title={defineFigure('positionsByModel')} data-metric="positionsByModel">
          <div className="stat-label">Positions computed</div>
          <div className="stat-value num">
            {Object.entries(m.positionsByModel)
              .map(([role, n]) => `${role} ${Math.round(n)}`)
              .join(' · ')}
          </div>
        </div>
      )}
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
