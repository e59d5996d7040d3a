// StatusBadge: a run's status as a colored badge (running pulses).
import type { RunStatus } from '@app/runs';
import type { BadgeTone } from './Badge';
import { Badge } from './Badge';

export interface StatusBadgeProps {
  status: RunStatus;
  className?: string;
}

const tones: Record<RunStatus, BadgeTone> = {
  queued: 'neutral',
  running: 'info',
  completed: 'success',
  cancelled: 'warning',
  failed: 'danger',
  interrupted: 'danger',
};

/** The status of a run, e.g. "completed" in green. */
export function StatusBadge({ status, className }: StatusBadgeProps) {
  return (
    <Badge tone={tones[status]} dot live={status === 'running'} className={className} data-status={status}>
      {status}
    </Badge>
  );
}
