// The method panels of a run (owned by the method views) behind an error boundary, fed with
// deferred events: heavy panels (trees, charts) render the newest events React has time for, in
// their own low-priority pass, so they never hold up the token stream.
import { useDeferredValue } from 'react';
import type { TraceEvent } from '@app/events';
import type { RunRecord } from '@app/runs';
import { MethodPanels } from '../trace/MethodPanels';
import { PanelBoundary } from './PanelBoundary';

export interface DeferredMethodPanelsProps {
  run: RunRecord;
  events: readonly TraceEvent[];
  live: boolean;
}

/** MethodPanels with deferred events and a boundary. */
export function DeferredMethodPanels({ run, events, live }: DeferredMethodPanelsProps) {
  const deferred = useDeferredValue(events);
  return (
    <PanelBoundary name="Method panels" resetKey={run.id}>
      <MethodPanels run={run} events={deferred} live={live} />
    </PanelBoundary>
  );
}
