// The contract between the run views (Playground, Run view) and the method-specific panels (draft
// trees, acceptance charts, entropy/switch timeline, SpecReason steps, routing heatmaps).
import type { TraceEvent } from '@app/events';
import type { RunRecord } from '@app/runs';

export interface MethodPanelProps {
  /** The run (while live: the record as known so far, status 'running'). */
  run: RunRecord;
  /** Every trace event of the run so far, in order. */
  events: readonly TraceEvent[];
  /** True while events are still streaming in. */
  live: boolean;
}
