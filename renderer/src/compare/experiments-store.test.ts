// The Compare page's experiment list follows experiments run by another process (a headless CLI on
// the same database): a poll folds in counts that moved without progress events, leaves alone those
// this host reports itself, and lists experiments created elsewhere. The bridge is a fake of the
// transport (the boundary), answering experiments.list as the host would.
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkbenchBridge } from '@app/client';
import type { Experiment } from '@app/experiments';
import { initWorkbench } from '../api/workbench';
import { followExperiments, pollQuietExperiments, useExperiments } from './experiments-store';

const experiment = (id: string, status: Experiment['status'], done: number): Experiment => ({
  id,
  createdAt: '2026-11-26T00:00:00.000Z',
  status,
  done,
  total: 10,
  spec: {
    name: id,
    datasetId: 'ds',
    arms: [{ id: 'ar', label: 'AR', baseline: true, config: { method: 'autoregressive', models: { model: { model: 'base', provider: 'cpu' } } } as never }],
    samplesPerItem: 1,
    baseSeed: 0,
  },
});

function connect(list: () => Experiment[]): { emit: (event: string, payload: unknown) => void } {
  let listener: ((event: string, payload: unknown) => void) | null = null;
  const bridge: WorkbenchBridge = {
    async request(method) {
      if (method === 'experiments.list') return list();
      throw { code: 'not_found', message: method };
    },
    subscribe(l) {
      listener = l;
      return () => (listener = null);
    },
  };
  initWorkbench({ kind: 'browser', bridge, downloadUrl: null, onConnection: null });
  return { emit: (event, payload) => listener?.(event, payload) };
}

let release: (() => void) | null = null;
afterEach(() => {
  release?.();
  release = null;
  useExperiments.setState({ experiments: null, progress: {} });
});

describe('pollQuietExperiments', () => {
  it("folds in another process's progress and lists experiments created elsewhere", async () => {
    let fresh = [experiment('cli', 'running', 4)];
    connect(() => fresh);
    useExperiments.setState({ experiments: [experiment('cli', 'running', 1)], progress: {} });
    await pollQuietExperiments();
    expect(useExperiments.getState().experiments!.find((e) => e.id === 'cli')!.done).toBe(4);
    expect(useExperiments.getState().progress.cli).toMatchObject({ status: 'running', done: 4, etaMs: null });

    fresh = [experiment('new', 'queued', 0), experiment('cli', 'completed', 10)];
    await pollQuietExperiments();
    const ids = useExperiments.getState().experiments!.map((e) => `${e.id}:${e.status}:${e.done}`);
    expect(ids).toEqual(['new:queued:0', 'cli:completed:10']);
  });

  it('leaves experiments this host reports progress for to its events', async () => {
    const { emit } = connect(() => [experiment('own', 'running', 2)]);
    useExperiments.setState({ experiments: [experiment('own', 'running', 2)], progress: {} });
    release = followExperiments();
    emit('experiment.progress', { experimentId: 'own', status: 'running', done: 5, total: 10, etaMs: 1000, current: null });
    expect(useExperiments.getState().progress.own!.done).toBe(5);
    // The list lags behind the events; a poll right after an event must not move the count back.
    await pollQuietExperiments();
    expect(useExperiments.getState().progress.own).toMatchObject({ done: 5, etaMs: 1000 });
    expect(useExperiments.getState().experiments![0]!.done).toBe(5);
  });
});
