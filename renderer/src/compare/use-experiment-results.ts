// useExperimentResults: an experiment's results (experiments.results), loaded on open and reloaded
// while it runs: after each progress event, at most every RELOAD_MS, with a last load when it stops.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExperimentResults } from '@app/experiments';
import { errorText, getClient } from '../api/workbench';
import { useExperiments } from './experiments-store';

const RELOAD_MS = 700;
/** Large experiments reload less often: a results payload grows with its cells. */
const RELOAD_MS_PER_CELL = 0.5;

export interface ExperimentResultsState {
  results: ExperimentResults | null;
  error: string | null;
  reload: () => void;
}

/** The results of experiment `id`, kept current. */
export function useExperimentResults(id: string): ExperimentResultsState {
  const [state, setState] = useState<{ id: string; results: ExperimentResults | null; error: string | null }>({ id, results: null, error: null });
  const progress = useExperiments((s) => s.progress[id]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastLoad = useRef(0);
  const cells = useRef(0);

  const load = useCallback(() => {
    lastLoad.current = Date.now();
    getClient()
      .call('experiments.results', { id })
      .then(
        (results) => {
          cells.current = results.cells.length;
          setState({ id, results, error: null });
        },
        (err: unknown) => setState((s) => ({ ...s, id, error: errorText(err) })),
      );
  }, [id]);

  useEffect(() => {
    load();
  }, [load]);

  useEffect(() => {
    if (!progress) return;
    if (timer.current) clearTimeout(timer.current);
    const wait = Math.max(0, Math.max(RELOAD_MS, cells.current * RELOAD_MS_PER_CELL) - (Date.now() - lastLoad.current));
    timer.current = setTimeout(load, progress.status === 'running' ? wait : 0);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [progress, load]);

  return { results: state.id === id ? state.results : null, error: state.id === id ? state.error : null, reload: load };
}
