// Fan-out of pushed API events to every subscriber (WebSocket clients, Electron windows, the CLI).
// Trace events of a run are batched per ~16 ms so a 1,000 tokens/s stream costs ~60 messages/s.
import type { ApiEventName, ApiEventPayload } from '@app/api';
import type { TraceEvent } from '@app/events';

export type HubListener = (event: ApiEventName, payload: unknown) => void;

export class EventHub {
  private listeners = new Set<HubListener>();
  private batches = new Map<string, TraceEvent[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly batchMs = 16) {}

  subscribe(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends ApiEventName>(event: E, payload: ApiEventPayload<E>): void {
    if (event === 'run.finished' || event === 'run.started') this.flush();
    for (const l of this.listeners) l(event, payload);
  }

  /** Queues one trace event of a run; delivered in order within its batch. */
  traceEvent(runId: string, event: TraceEvent): void {
    let batch = this.batches.get(runId);
    if (!batch) {
      batch = [];
      this.batches.set(runId, batch);
    }
    batch.push(event);
    this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  /** Delivers every queued trace event now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches = this.batches;
    this.batches = new Map();
    for (const [runId, events] of batches) {
      for (const l of this.listeners) l('run.events', { runId, events });
    }
  }
}
