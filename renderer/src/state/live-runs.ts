// Live runs: everything the host pushes about runs (started, trace events, finished) lands here,
// batched per animation frame. Token and event arrays are append-only and shared between store
// versions; each flush replaces only the touched run's entry (a new object with version + 1), so a
// view re-renders at most once per frame and never copies a growing array.
import { create } from 'zustand';
import type { ApiEventPayload } from '@app/api';
import type { WorkbenchClient } from '@app/client';
import type { ErrorPayload } from '@app/errors';
import type { TokenEvent, TraceEvent } from '@app/events';
import type { RunMetrics, RunRequest, RunStatus } from '@app/runs';
import type { FrameScheduler } from './frame-batcher';
import { FrameBatcher, animationFrameScheduler } from './frame-batcher';

export interface LiveRun {
  runId: string;
  request: RunRequest | null;
  promptTokens: number | null;
  status: RunStatus;
  /** Every trace event received, in order (append-only; do not mutate outside this module). */
  events: TraceEvent[];
  /** The token events among them (append-only). */
  tokens: TokenEvent[];
  /** Bumped on every flush that touched this run. */
  version: number;
  /** True when run.started was seen here, so `events` hold the run from its first event. */
  fromStart: boolean;
  output: string | null;
  metrics: RunMetrics | null;
  error: ErrorPayload | null;
  /** Date.now() when this window first heard of the run. */
  seenAt: number;
}

export type HostRunEvent =
  | { type: 'started'; payload: ApiEventPayload<'run.started'> }
  | { type: 'events'; payload: ApiEventPayload<'run.events'> }
  | { type: 'finished'; payload: ApiEventPayload<'run.finished'> };

export interface LiveRunsState {
  runs: Record<string, LiveRun>;
}

/** Finished runs kept in memory beyond the running ones (the store has the rest). */
export const KEEP_FINISHED = 12;

export const useLiveRuns = create<LiveRunsState>(() => ({ runs: {} }));

function emptyRun(runId: string, now: number): LiveRun {
  return { runId, request: null, promptTokens: null, status: 'queued', events: [], tokens: [], version: 0, fromStart: false, output: null, metrics: null, error: null, seenAt: now };
}

function isFinished(status: RunStatus): boolean {
  return status !== 'queued' && status !== 'running';
}

/**
 * Applies a frame's worth of host events to the runs map. Touched runs get a new entry object
 * (arrays appended in place); untouched ones keep their identity. Returns the new map.
 */
export function applyRunEvents(runs: Record<string, LiveRun>, items: readonly HostRunEvent[], now = Date.now()): Record<string, LiveRun> {
  const next: Record<string, LiveRun> = { ...runs };
  const touched = new Set<string>();
  const entry = (runId: string): LiveRun => {
    if (!touched.has(runId)) {
      touched.add(runId);
      const prev = next[runId] ?? emptyRun(runId, now);
      next[runId] = { ...prev, version: prev.version + 1 };
    }
    return next[runId]!;
  };
  for (const item of items) {
    const run = entry(item.payload.runId);
    if (item.type === 'started') {
      run.request = item.payload.request;
      run.promptTokens = item.payload.promptTokens;
      run.status = 'running';
      if (run.events.length === 0) run.fromStart = true;
    } else if (item.type === 'events') {
      if (run.status === 'queued') run.status = 'running';
      for (const e of item.payload.events) {
        run.events.push(e);
        if (e.kind === 'token') run.tokens.push(e);
      }
    } else {
      run.status = item.payload.status;
      run.output = item.payload.output;
      run.metrics = item.payload.metrics;
      run.error = item.payload.error;
      // A run that failed before starting (e.g. context_overflow) has nothing more to show.
      if (run.events.length === 0) run.fromStart = true;
    }
  }
  return evictOldRuns(next);
}

function evictOldRuns(runs: Record<string, LiveRun>): Record<string, LiveRun> {
  const finished = Object.values(runs).filter((r) => isFinished(r.status));
  if (finished.length <= KEEP_FINISHED) return runs;
  finished.sort((a, b) => b.seenAt - a.seenAt);
  const out = { ...runs };
  for (const r of finished.slice(KEEP_FINISHED)) delete out[r.runId];
  return out;
}

/** Marks a run this window just started (so it shows as queued before the host says anything). */
export function noteRunRequested(runId: string, request: RunRequest): void {
  useLiveRuns.setState((s) => {
    if (s.runs[runId]) return s;
    const run = emptyRun(runId, Date.now());
    run.request = request;
    return { runs: { ...s.runs, [runId]: run } };
  });
}

/**
 * Subscribes the store to the host's run events; returns the unsubscribe function. Events are
 * buffered and applied once per animation frame.
 */
export function connectLiveRuns(client: WorkbenchClient, schedule: FrameScheduler = animationFrameScheduler): () => void {
  const b = new FrameBatcher<HostRunEvent>((items) => useLiveRuns.setState((s) => ({ runs: applyRunEvents(s.runs, items) })), schedule);
  const offs = [
    client.on('run.started', (payload) => b.push({ type: 'started', payload })),
    client.on('run.events', (payload) => b.push({ type: 'events', payload })),
    client.on('run.finished', (payload) => b.push({ type: 'finished', payload })),
  ];
  return () => {
    for (const off of offs) off();
    b.flush();
  };
}

const snapshots = new WeakMap<LiveRun, readonly TraceEvent[]>();

/**
 * An immutable copy of a live run's events for consumers that compare arrays by identity (method
 * panels, memoized charts): one copy per store version, made only when asked for.
 */
export function eventsSnapshot(run: LiveRun): readonly TraceEvent[] {
  let snapshot = snapshots.get(run);
  if (!snapshot) {
    snapshot = run.events.slice();
    snapshots.set(run, snapshot);
  }
  return snapshot;
}

/**
 * After the event socket reconnects: runs this window thinks are still going may have ended while
 * it was away. Their stored state decides (events missed meanwhile are re-read by the run views).
 */
export async function resyncLiveRuns(client: WorkbenchClient): Promise<void> {
  const pending = Object.values(useLiveRuns.getState().runs).filter((r) => !isFinished(r.status));
  for (const run of pending) {
    try {
      const record = await client.call('runs.get', { id: run.runId });
      if (!isFinished(record.status)) continue;
      const finished: HostRunEvent = {
        type: 'finished',
        payload: { runId: run.runId, status: record.status, output: record.output, metrics: record.metrics, error: record.error },
      };
      useLiveRuns.setState((s) => {
        const runs = applyRunEvents(s.runs, [finished]);
        // Events were missed, so the live copy is no longer the whole trace.
        if (runs[run.runId]) runs[run.runId]!.fromStart = false;
        return { runs };
      });
    } catch {
      // The run may have been deleted; its views report that themselves.
    }
  }
}
