// The one-line status of a run while it streams (and after): status, tokens, TTFT, prefill and
// decode rates, elapsed time. Live values come from the events; the engine's final metrics replace
// them when the run ends.
import type { TokenEvent, TraceEvent } from '@app/events';
import type { RunMetrics, RunStatus } from '@app/runs';
import { liveStats } from '../../state/live-stats';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatCount, formatMs, formatRate } from './format';
import './run.css';

export interface LiveStatsBarProps {
  status: RunStatus;
  events: readonly TraceEvent[];
  tokens: readonly TokenEvent[];
  /** The engine's final figures; null while the run streams (live values are computed). */
  metrics: RunMetrics | null;
}

/** Status and speed figures in one row. */
export function LiveStatsBar({ status, events, tokens, metrics }: LiveStatsBarProps) {
  const live = liveStats(events, tokens);
  const figures = [
    { label: 'tokens', value: formatCount(metrics?.newTokens ?? live.tokens), testId: 'stat-tokens' },
    { label: 'TTFT', value: formatMs(metrics ? metrics.ttftMs : live.ttftMs), testId: 'stat-ttft' },
    { label: 'prefill', value: formatRate(metrics ? metrics.prefillTokensPerS : live.prefillTokensPerS), testId: 'stat-prefill' },
    { label: 'decode', value: formatRate(metrics ? metrics.decodeTokensPerS : live.decodeTokensPerS), testId: 'stat-decode' },
    { label: 'elapsed', value: formatMs(metrics ? metrics.totalMs : live.elapsedMs), testId: 'stat-elapsed' },
  ];
  return (
    <div className="live-stats" aria-live="off" data-testid="live-stats">
      <StatusBadge status={status} />
      {figures.map((f) => (
        <span key={f.label} className="live-stat">
          <span className="live-stat-label">{f.label}</span>
          <span className="live-stat-value num" data-testid={f.testId}>
            {f.value}
          </span>
        </span>
      ))}
    </div>
  );
}
