// DeltaBadge: one difference against the baseline, green when better, red when worse.
import type { Delta } from '@app/analysis/deltas';
import { Badge } from '../ui';

/** A small badge for a delta. */
export function DeltaBadge({ delta }: { delta: Delta }) {
  return (
    <Badge tone={delta.better === null ? 'neutral' : delta.better ? 'success' : 'danger'} className="cmp-delta" data-metric={delta.metric}>
      {delta.text}
    </Badge>
  );
}
