// ProgressBar: runs done of total as a bar, with the count and, while running, the ETA.
import { fmtEta } from './format';

export interface ProgressBarProps {
  done: number;
  total: number;
  etaMs?: number | null;
  /** Accessible name, e.g. the experiment's name. */
  label: string;
  compact?: boolean;
}

/** A determinate progress bar (role=progressbar) with "12 / 40 · ETA 31 s". */
export function ProgressBar({ done, total, etaMs = null, label, compact }: ProgressBarProps) {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  return (
    <div className={compact ? 'cmp-progress is-compact' : 'cmp-progress'}>
      <div className="cmp-progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <div className="cmp-progress-fill" style={{ width: `${(share * 100).toFixed(2)}%` }} />
      </div>
      <span className="cmp-progress-text num" data-testid="progress-text">
        {done} / {total}
        {etaMs !== null && done < total ? ` · ${fmtEta(etaMs)}` : ''}
      </span>
    </div>
  );
}
