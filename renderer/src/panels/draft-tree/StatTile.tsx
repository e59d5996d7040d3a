// A labelled number in the method panels' summary rows, with an optional sub-line and hint.
import type { ReactNode } from 'react';

export interface StatTileProps {
  label: ReactNode;
  value: ReactNode;
  sub?: ReactNode;
  /** Hover text for the label (what the number means, or why it is uncertain). */
  hint?: string;
  testId?: string;
}

/** One summary tile. */
export function StatTile({ label, value, sub, hint, testId }: StatTileProps) {
  return (
    <div className="mp-stat" data-testid={testId}>
      <span className="mp-stat-label" title={hint}>
        {label}
        {hint && (
          <span className="mp-info" aria-hidden="true">
            i
          </span>
        )}
      </span>
      <span className="mp-stat-value">{value}</span>
      {sub && <span className="mp-stat-sub">{sub}</span>}
    </div>
  );
}
