// Loads the runs of a comparison: each run's record and stored trace (runs.get + runs.trace), in the
// order asked. A run that cannot be read is reported by id and left out; the others still compare.
import { useEffect, useState } from 'react';
import type { TraceEvent } from '@app/events';
import type { RunRecord } from '@app/runs';
import { errorText, getClient } from '../../api/workbench';

/** Most runs one comparison shows side by side. */
export const MAX_COMPARED_RUNS = 6;

export interface ComparedRun {
  record: RunRecord;
  events: readonly TraceEvent[];
}

export interface ComparedRuns {
  runs: ComparedRun[] | null;
  errors: string[];
}

/** The runs of `ids` (at most six), loaded once per id list. */
export function useComparedRuns(ids: readonly string[]): ComparedRuns {
  const key = ids.slice(0, MAX_COMPARED_RUNS).join(',');
  const [state, setState] = useState<{ key: string; value: ComparedRuns } | null>(null);

  useEffect(() => {
    let cancelled = false;
    const client = getClient();
    const wanted = key ? key.split(',') : [];
    void Promise.all(
      wanted.map(async (id) => {
        try {
          const [record, trace] = await Promise.all([client.call('runs.get', { id }), client.call('runs.trace', { id })]);
          return { ok: true as const, run: { record, events: trace.events } };
        } catch (err) {
          return { ok: false as const, error: `${id}: ${errorText(err)}` };
        }
      }),
    ).then((results) => {
      if (cancelled) return;
      const runs: ComparedRun[] = [];
      const errors: string[] = [];
      for (const r of results) {
        if (r.ok) runs.push(r.run);
        else errors.push(r.error);
      }
      setState({ key, value: { runs, errors } });
    });
    return () => {
      cancelled = true;
    };
  }, [key]);

  return state?.key === key ? state.value : { runs: null, errors: [] };
}
