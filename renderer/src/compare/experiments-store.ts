// Experiments for the Compare page: the list (experiments.list) kept current by the host's
// experiment.progress events, which also carry the ETA and the cell in flight of each experiment.
import { create } from 'zustand';
import type { Experiment, ExperimentProgress } from '../../../app/experiments';
import { errorText, getClient } from '../api/workbench';

interface ExperimentsState {
  experiments: Experiment[] | null;
  loadError: string | null;
  /** The latest progress event per experiment id. */
  progress: Record<string, ExperimentProgress>;
}

export const useExperiments = create<ExperimentsState>(() => ({ experiments: null, loadError: null, progress: {} }));

/** (Re)loads the experiment list. */
export async function loadExperiments(): Promise<void> {
  try {
    useExperiments.setState({ experiments: await getClient().call('experiments.list', {}), loadError: null });
  } catch (err) {
    useExperiments.setState({ loadError: errorText(err) });
  }
}

/** Folds one progress event into the state: the progress map and the listed experiment's status and counts. */
export function applyProgress(p: ExperimentProgress): void {
  useExperiments.setState((s) => ({
    progress: { ...s.progress, [p.experimentId]: p },
    experiments: s.experiments?.map((e) => (e.id === p.experimentId ? { ...e, status: p.status, done: p.done, total: p.total } : e)) ?? null,
  }));
}

/** Replaces one experiment in the list (after pause, resume, cancel), adding it when new. */
export function putExperiment(e: Experiment): void {
  useExperiments.setState((s) => {
    const list = s.experiments ?? [];
    return { experiments: list.some((x) => x.id === e.id) ? list.map((x) => (x.id === e.id ? e : x)) : [e, ...list] };
  });
}

let subscribers = 0;
let unsubscribe: (() => void) | null = null;

/** Follows experiment.progress while at least one view needs it; returns the release function. */
export function followExperiments(): () => void {
  if (subscribers++ === 0) {
    unsubscribe = getClient().on('experiment.progress', (p) => {
      const known = useExperiments.getState().experiments?.some((e) => e.id === p.experimentId);
      applyProgress(p);
      // An experiment created by another window (or before the list loaded) appears in the list.
      if (!known) void loadExperiments();
    });
  }
  return () => {
    if (--subscribers === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
}
