// Pure helpers for a run's trace: joining a stored trace with live events received after a reload,
// picking the token events, and a provisional record for a run the store has not described yet.
import type { TokenEvent, TraceEvent } from '@app/events';
import { modelIdsOf } from '@app/methods';
import type { RunRecord, RunRequest, RunStatus } from '@app/runs';
import type { LiveRun } from '../../state/live-runs';

/** The token events of a trace, in order. */
export function tokensOf(events: readonly TraceEvent[]): TokenEvent[] {
  return events.filter((e): e is TokenEvent => e.kind === 'token');
}

/**
 * A stored trace followed by the live events that came after it. Live events of a run opened
 * mid-way start wherever this window joined, so they are aligned by token index: everything from
 * the first live token the stored trace lacks. (The full trace is re-read when the run ends.)
 */
export function joinTrace(stored: readonly TraceEvent[], live: readonly TraceEvent[]): readonly TraceEvent[] {
  let storedTokens = 0;
  for (const e of stored) if (e.kind === 'token') storedTokens++;
  const from = live.findIndex((e) => e.kind === 'token' && e.index >= storedTokens);
  return from < 0 ? stored : stored.concat(live.slice(from));
}

/** Queued or running: more events may come. */
export function isLive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** A record for a run known only from live events (before runs.get answers). */
export function provisionalRecord(run: LiveRun, request: RunRequest): RunRecord {
  return {
    id: run.runId,
    createdAt: new Date(run.seenAt).toISOString(),
    finishedAt: null,
    status: run.status,
    method: request.config.method,
    models: modelIdsOf(request.config),
    config: request.config,
    prompt: request.prompt,
    promptText: null,
    output: run.output ?? run.tokens.map((t) => t.text).join(''),
    answer: null,
    correct: null,
    metrics: run.metrics,
    error: run.error,
    datasetItemId: request.datasetItemId ?? null,
    experimentId: request.experimentId ?? null,
    armId: request.armId ?? null,
    configLabel: request.configLabel ?? null,
    sampleIndex: request.sampleIndex ?? null,
    seed: request.config.sampling.seed,
    tags: request.tags,
    setup: { fingerprints: {} },
  };
}

/** The stored record with what live events know better (status and end) laid over it. */
export function overlayLive(record: RunRecord, run: LiveRun | undefined): RunRecord {
  if (!run || run.version === 0) return record;
  if (!isLive(record.status) || run.status === record.status) return record;
  return {
    ...record,
    status: run.status,
    output: run.output ?? record.output,
    metrics: run.metrics ?? record.metrics,
    error: run.error ?? record.error,
  };
}
