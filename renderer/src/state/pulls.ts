// Hub pulls as the UI sees them: the list from models.pulls, kept current by models.pull.progress
// events; when one finishes as done the model list is reloaded (the new model appears).
import { create } from 'zustand';
import type { PullProgress } from '@app/hub';
import { getClient } from '../api/workbench';
import { loadModels } from './models';

interface PullsState {
  pulls: PullProgress[];
}

export const usePulls = create<PullsState>(() => ({ pulls: [] }));

let unsubscribe: (() => void) | null = null;

/** Loads the pulls once and follows their progress events (idempotent). */
export function watchPulls(): void {
  if (unsubscribe) return;
  unsubscribe = getClient().on('models.pull.progress', (p) => {
    const others = usePulls.getState().pulls.filter((x) => x.pullId !== p.pullId);
    usePulls.setState({ pulls: [p, ...others].sort((a, b) => b.startedAt.localeCompare(a.startedAt)) });
    if (p.state === 'done') void loadModels();
  });
  void getClient()
    .call('models.pulls', {})
    .then((pulls) => {
      const known = new Map(usePulls.getState().pulls.map((p) => [p.pullId, p]));
      usePulls.setState({ pulls: pulls.map((p) => known.get(p.pullId) ?? p) });
    })
    .catch(() => undefined);
}

/** Starts a pull; its progress arrives as events. */
export async function startPull(repo: string, revision: string, dtype: string): Promise<PullProgress> {
  const p = await getClient().call('models.pull', { repo, revision, dtype });
  if (!usePulls.getState().pulls.some((x) => x.pullId === p.pullId)) usePulls.setState({ pulls: [p, ...usePulls.getState().pulls] });
  return p;
}

export async function cancelPull(pullId: string): Promise<void> {
  await getClient().call('models.pullCancel', { pullId });
}
