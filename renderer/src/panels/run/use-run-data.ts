// Everything a run view needs about one run, live or stored: the record (runs.get, re-read when the
// run ends), its trace (from the live store when this window saw the run from its start, else
// runs.trace joined with live events), and whether it is still streaming.
import { useEffect, useMemo, useState } from 'react';
import type { TokenEvent, TraceEvent } from '@app/events';
import type { RunRecord } from '@app/runs';
import { errorText, getClient } from '../../api/workbench';
import type { LiveRun } from '../../state/live-runs';
import { eventsSnapshot, useLiveRuns } from '../../state/live-runs';
import { isLive, joinTrace, overlayLive, provisionalRecord, tokensOf } from './run-trace';

export interface RunData {
  record: RunRecord | null;
  /** Events so far; a new array whenever events were added. */
  events: readonly TraceEvent[];
  /** Token events; may be an append-only array that grows in place (use with `tokenCount`). */
  tokens: readonly TokenEvent[];
  tokenCount: number;
  live: boolean;
  /** The live store entry, when this window has one. */
  liveRun: LiveRun | undefined;
  loading: boolean;
  loadError: string | null;
}

interface Stored {
  key: string;
  record: RunRecord | null;
  trace: TraceEvent[] | null;
  error: string | null;
}

const EMPTY: readonly TraceEvent[] = [];

/** Loads and follows one run. */
export function useRunData(runId: string | null): RunData {
  const liveRun = useLiveRuns((s) => (runId ? s.runs[runId] : undefined));
  const fromStart = liveRun?.fromStart ?? false;
  const liveEnded = liveRun ? !isLive(liveRun.status) : false;
  const [stored, setStored] = useState<Stored | null>(null);
  const key = `${runId}|${fromStart}|${liveEnded}`;

  useEffect(() => {
    if (!runId) return;
    let cancelled = false;
    const client = getClient();
    const wantTrace = !fromStart;
    Promise.all([client.call('runs.get', { id: runId }), wantTrace ? client.call('runs.trace', { id: runId }) : Promise.resolve(null)]).then(
      ([record, trace]) => {
        if (!cancelled) setStored({ key, record, trace: trace?.events ?? null, error: null });
      },
      (err: unknown) => {
        if (!cancelled) setStored({ key, record: null, trace: null, error: errorText(err) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [runId, fromStart, key]);

  const current = stored && stored.key.startsWith(`${runId}|`) ? stored : null;
  const storedTrace = current?.trace ?? null;
  const liveEvents = liveRun ? eventsSnapshot(liveRun) : EMPTY;

  const events = useMemo(() => {
    if (fromStart) return liveEvents;
    if (!storedTrace) return liveEvents;
    return liveRun && liveEvents.length > 0 && !liveEnded ? joinTrace(storedTrace, liveEvents) : storedTrace;
  }, [fromStart, storedTrace, liveEvents, liveRun, liveEnded]);

  const joinedTokens = useMemo(() => (fromStart ? null : tokensOf(events)), [fromStart, events]);
  const tokens = fromStart && liveRun ? liveRun.tokens : (joinedTokens ?? []);

  let record = current?.record ?? null;
  if (record) record = overlayLive(record, liveRun);
  else if (liveRun?.request) record = provisionalRecord(liveRun, liveRun.request);

  return {
    record,
    events,
    tokens,
    tokenCount: tokens.length,
    live: liveRun ? isLive(liveRun.status) : record ? isLive(record.status) : false,
    liveRun,
    loading: runId !== null && current?.key !== key && !record,
    loadError: current?.error ?? null,
  };
}
