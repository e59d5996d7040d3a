// Watching an experiment the method views started (tau sweep, steered vs unsteered): its progress
// (pushed experiment.progress events, with a slow poll as a fallback) and its results, reloaded as
// cells finish so charts fill in while it runs.
import { useEffect, useState } from 'react';
import type { ExperimentProgress, ExperimentResults } from '@app/experiments';
import { errorText, getClient } from '../../api/workbench';

export interface ExperimentWatch {
  progress: Pick<ExperimentProgress, 'status' | 'done' | 'total' | 'etaMs'> | null;
  results: ExperimentResults | null;
  error: string | null;
}

const POLL_MS = 2000;

function finished(status: string): boolean {
  return status === 'completed' || status === 'cancelled' || status === 'failed';
}

/** Progress and results of experiment `id` (null: nothing). */
export function useExperiment(id: string | null): ExperimentWatch {
  const [state, setState] = useState<ExperimentWatch & { id: string | null }>({ id: null, progress: null, results: null, error: null });

  useEffect(() => {
    if (!id) return;
    let stopped = false;
    let lastDone = -1;
    const client = getClient();
    const loadResults = () =>
      client
        .call('experiments.results', { id })
        .then((results) => !stopped && setState((s) => ({ ...s, id, results, error: null })))
        .catch((err) => !stopped && setState((s) => ({ ...s, id, error: errorText(err) })));
    const onProgress = (p: Pick<ExperimentProgress, 'status' | 'done' | 'total' | 'etaMs'>) => {
      if (stopped) return;
      setState((s) => ({ ...s, id, progress: { ...p, etaMs: p.etaMs ?? (finished(p.status) ? null : (s.progress?.etaMs ?? null)) } }));
      if (p.done !== lastDone || finished(p.status)) {
        lastDone = p.done;
        void loadResults();
      }
      if (finished(p.status)) clearInterval(timer);
    };
    const off = client.on('experiment.progress', (p) => {
      if (p.experimentId === id) onProgress(p);
    });
    const poll = () =>
      client
        .call('experiments.get', { id })
        .then((e) => onProgress({ status: e.status, done: e.done, total: e.total, etaMs: null }))
        .catch((err) => !stopped && setState((s) => ({ ...s, id, error: errorText(err) })));
    const timer = setInterval(() => void poll(), POLL_MS);
    void poll();
    return () => {
      stopped = true;
      clearInterval(timer);
      off();
    };
  }, [id]);

  return state.id === id ? state : { progress: null, results: null, error: null };
}
