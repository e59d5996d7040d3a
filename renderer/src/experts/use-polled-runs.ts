// Polls run records until every one has finished (the steering comparison's two runs).
import { useEffect, useState } from 'react';
import type { RunRecord } from '@app/runs';
import { errorText, getClient } from '../api/workbench';

/** The records of `ids`, refreshed every 800 ms until all have finished. */
export function usePolledRuns(ids: readonly string[]): { runs: (RunRecord | null)[]; error: string | null } {
  const [runs, setRuns] = useState<(RunRecord | null)[]>(ids.map(() => null));
  const [error, setError] = useState<string | null>(null);
  const key = ids.join(',');
  useEffect(() => {
    let stopped = false;
    const list = key.split(',');
    const poll = async () => {
      try {
        const got = await Promise.all(list.map((id) => getClient().call('runs.get', { id })));
        if (stopped) return;
        setRuns(got);
        if (got.every((r) => r.status !== 'queued' && r.status !== 'running')) clearInterval(timer);
      } catch (err) {
        if (!stopped) setError(errorText(err));
      }
    };
    const timer = setInterval(() => void poll(), 800);
    void poll();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [key]);
  return { runs, error };
}

