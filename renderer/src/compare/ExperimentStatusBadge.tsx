// ExperimentStatusBadge: an experiment's status as a colored badge (running pulses).
import type { ExperimentStatus } from '@app/experiments';
import type { BadgeTone } from '../ui';
import { Badge } from '../ui';

const tones: Record<ExperimentStatus, BadgeTone> = {
  queued: 'neutral',
  running: 'info',
  paused: 'warning',
  completed: 'success',
  cancelled: 'neutral',
  failed: 'danger',
};

/** The status badge, with data-status for tests and styling. */
export function ExperimentStatusBadge({ status }: { status: ExperimentStatus }) {
  return (
    <Badge tone={tones[status]} dot live={status === 'running'} data-status={status}>
      {status}
    </Badge>
  );
}
