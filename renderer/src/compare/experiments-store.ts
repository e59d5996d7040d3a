// Experiments for the Compare page: the list (experiments.list) kept current by the host's
// experiment.progress events, which also carry the ETA and the cell in flight of each experiment.
// An experiment that runs in another process on the same database (a headless `workbench
// experiment run`) sends this host no events, so while the page is open the list is re-read every
// QUIET_POLL_MS and counts that moved without events are folded in as progress.
import { create } from 'zustand';
import type { Experiment, ExperimentProgress } from '@app/experiments';
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

const QUIET_POLL_MS = 3000;
/** When this host last sent progress for each experiment (its own runs need no polling). */
const lastEventAt = new Map<string, number>();

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
    const off = getClient().on('experiment.progress', (p) => {
      const known = useExperiments.getState().experiments?.some((e) => e.id === p.experimentId);
      lastEventAt.set(p.experimentId, Date.now());
      applyProgress(p);
      // An experiment created by another window (or before the list loaded) appears in the list.
      if (!known) void loadExperiments();
    });
    const timer = setInterval(() => void pollQuietExperiments(), QUIET_POLL_MS);
    unsubscribe = () => {
      off();
      clearInterval(timer);
    };
  }
  return () => {
    if (--subscribers === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
}

/**
 * Re-reads the list and folds in what changed for experiments this host has sent no progress for
 * in the last QUIET_POLL_MS (run by another process), and lists experiments created elsewhere.
 */
export async function pollQuietExperiments(now = Date.now()): Promise<void> {
  let fresh: Experiment[];
  try {
    fresh = await getClient().call('experiments.list', {});
  } catch {
    return; // the next poll tries again; a lost connection shows in the header
  }
  const known = new Map((useExperiments.getState().experiments ?? []).map((e) => [e.id, e]));
  for (const e of fresh) {
    const before = known.get(e.id);
    if (!before) continue;
    if (now - (lastEventAt.get(e.id) ?? 0) < QUIET_POLL_MS) continue;
    if (before.done !== e.done || before.status !== e.status || before.total !== e.total) {
      applyProgress({ experimentId: e.id, status: e.status, done: e.done, total: e.total, etaMs: null, current: null });
    }
  }
  if (fresh.some((e) => !known.has(e.id))) {
    useExperiments.setState((s) => ({ experiments: [...fresh.filter((e) => !known.has(e.id)), ...(s.experiments ?? [])] }));
  }
}
