// The experiment queue with the real engine (a child process) and the embedded models: a tiny
// experiment runs to completion with seeds and links set on every run; pause stops scheduling; an
// experiment a dead process left running comes back paused in a new host over the same database and
// resumes without redoing the cells it had finished; deleting its dataset keeps its questions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEventPayload } from '@app/api';
import { ExperimentSpec } from '@app/experiments';
import type { ExperimentProgress } from '@app/experiments';
import { getRun } from '../../store/runs';
import { updateExperiment } from '../../store/experiments';
import { childProcessSpawner } from '../child-engine';
import type { Host } from '../host-shape';
import { createHost, findAppRoot } from '../host';

const root = findAppRoot(fileURLToPath(import.meta.url));
let dir: string;
let dbPath: string;
const hosts: Host[] = [];

async function openHost(): Promise<Host> {
  const host = await createHost({ dbPath, spawnEngine: childProcessSpawner(), kind: 'cli', nativeModelsDir: path.join(root, 'native-models'), exportDir: dir });
  hosts.push(host);
  expect(host.startupProblems).toEqual([]);
  return host;
}

async function closeHost(host: Host): Promise<void> {
  hosts.splice(hosts.indexOf(host), 1);
  await host.close();
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-experiments-'));
  dbPath = path.join(dir, 'workbench.db');
});

afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Two arms on the embedded models, greedy, a handful of tokens each. */
async function tinySpec(host: Host, items: number, samplesPerItem = 1): Promise<ExperimentSpec> {
  const dataset = await host.handlers['datasets.generate']({ families: ['arithmetic'], difficulties: [1], countPerCell: items, seed: 3, split: 'test' });
  const sampling = { maxNewTokens: 6, temperature: 0 };
  return ExperimentSpec.parse({
    name: 'tiny',
    datasetId: dataset.id,
    samplesPerItem,
    baseSeed: 40,
    arms: [
      { label: 'base', baseline: true, config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling } },
      { label: 'draft', config: { method: 'autoregressive', models: { model: { model: 'draft' } }, sampling } },
    ],
  });
}

/** Every experiment.progress event from now on (subscribe before create: the first ones go out at once). */
function progressLog(host: Host): ExperimentProgress[] {
  const log: ExperimentProgress[] = [];
  host.hub.subscribe((event, payload) => {
    if (event === 'experiment.progress') log.push(payload as ApiEventPayload<'experiment.progress'>);
  });
  return log;
}

describe('experiment queue', () => {
  it('runs 2 items x 2 arms to completion, with links and per-sample seeds on every run', async () => {
    const host = await openHost();
    const spec = await tinySpec(host, 2, 2);
    const log = progressLog(host);
    const experiment = host.experiments.create(spec);
    expect(experiment.total).toBe(8);
    await host.experiments.whenStopped(experiment.id);

    const done = host.experiments.get(experiment.id);
    expect(done).toMatchObject({ status: 'completed', done: 8, total: 8 });
    expect(done.spec.datasetVersion).toMatch(/^[0-9a-f]{64}$/);
    expect(log.at(-1)).toMatchObject({ status: 'completed', done: 8, total: 8, current: null });
    expect(log.some((p) => p.status === 'running' && p.current !== null && p.etaMs === null)).toBe(true);
    expect(log.some((p) => p.status === 'running' && p.etaMs !== null && p.etaMs > 0)).toBe(true);

    const results = host.experiments.results(experiment.id);
    expect(results.items).toHaveLength(2);
    expect(results.cells).toHaveLength(8);
    for (const cell of results.cells) {
      const run = getRun(host.db, cell.runId);
      expect(run).toMatchObject({ status: 'completed', experimentId: experiment.id, armId: cell.armId, configLabel: cell.arm, sampleIndex: cell.sample, datasetItemId: cell.itemId });
      expect(run.seed).toBe(40 + cell.sample);
      expect(run.config.sampling.seed).toBe(40 + cell.sample);
      // The RunManager graded the item (wrong or right, never ungraded).
      expect(run.correct).not.toBeNull();
      expect(cell.latencyMs).toBeGreaterThan(0);
    }
    expect(done.spec.arms.map((a) => a.id)).toEqual(['arm-1', 'arm-2']);
    const [base, draft] = results.aggregates;
    expect(base).toMatchObject({ armId: 'arm-1', arm: 'base', baseline: true, runs: 4, speedup: 1 });
    expect(draft).toMatchObject({ arm: 'draft', baseline: false, runs: 4 });
    expect(draft!.speedup).toBeGreaterThan(0);
    expect(base!.passAtK).toHaveLength(2);
    expect(base!.accuracyCi).not.toBeNull();
    // The two arms report on different models: the comparison says so.
    expect(results.warnings.some((w) => w.includes('reports on model draft'))).toBe(true);
  });

  it('pauses (no run scheduled after), and a new host resumes what a dead process left without redoing finished cells', async () => {
    const host = await openHost();
    const spec = await tinySpec(host, 3);
    const log = progressLog(host);
    const experiment = host.experiments.create(spec);
    const id = experiment.id;
    // Pause as soon as the first run has finished.
    await new Promise<void>((resolve) => {
      host.hub.subscribe((event, payload) => {
        const p = payload as ExperimentProgress;
        if (event === 'experiment.progress' && p.experimentId === id && p.done >= 1) resolve();
      });
    });
    const paused = await host.experiments.pause(id);
    expect(paused.status).toBe('paused');
    await host.experiments.whenStopped(id);
    const runsAtPause = host.experiments.results(id).cells.length;
    expect(runsAtPause).toBeGreaterThanOrEqual(1);
    expect(runsAtPause).toBeLessThan(6);
    await new Promise((r) => setTimeout(r, 400));
    expect(host.experiments.results(id).cells.length).toBe(runsAtPause);
    expect(host.runs.pending).toBe(0);
    expect(log.at(-1)).toMatchObject({ status: 'paused', current: null });
    const before = host.experiments.results(id).cells;
    // What a killed process leaves behind: the experiment still marked running.
    updateExperiment(host.db, id, { status: 'running' });
    await closeHost(host);

    const again = await openHost();
    expect(again.experiments.get(id).status).toBe('paused');
    again.experiments.start(id);
    await again.experiments.whenStopped(id);
    const results = again.experiments.results(id);
    expect(results.experiment).toMatchObject({ status: 'completed', done: 6, total: 6 });
    expect(results.cells).toHaveLength(6);
    for (const cell of before) {
      // Finished cells kept their original runs.
      expect(results.cells.find((c) => c.itemId === cell.itemId && c.arm === cell.arm)!.runId).toBe(cell.runId);
    }
    const allRuns = again.db.prepare('SELECT count(*) FROM run WHERE experiment_id = ?').pluck().get(id);
    expect(allRuns).toBe(6);
  });

  it('resumes at once when started again while the paused run is still in flight', async () => {
    const host = await openHost();
    const experiment = host.experiments.create(await tinySpec(host, 2));
    await host.experiments.pause(experiment.id);
    expect(host.experiments.get(experiment.id).status).toBe('paused');
    expect(host.experiments.start(experiment.id).status).toBe('running');
    await host.experiments.whenStopped(experiment.id);
    expect(host.experiments.get(experiment.id)).toMatchObject({ status: 'completed', done: 4, total: 4 });
  });

  it('refuses arms with the same label, several baselines or unknown models; marks the first arm baseline when none is', async () => {
    const host = await openHost();
    const spec = await tinySpec(host, 1);
    expect(() => host.experiments.create({ ...spec, arms: [spec.arms[0]!, { ...spec.arms[1]!, label: 'base' }] })).toThrow(/two arms are labelled "base"/);
    expect(() => host.experiments.create({ ...spec, arms: spec.arms.map((a) => ({ ...a, baseline: true })) })).toThrow(/2 arms are marked baseline/);
    expect(() =>
      host.experiments.create({ ...spec, arms: [{ ...spec.arms[0]!, config: { ...spec.arms[0]!.config, models: { model: { model: 'nope', provider: 'cpu' } } } as never }] }),
    ).toThrow(/nope/);
    const created = host.experiments.create({ ...spec, arms: spec.arms.map((a) => ({ ...a, baseline: false })) });
    expect(created.spec.arms.map((a) => a.baseline)).toEqual([true, false]);
    await host.experiments.cancel(created.id);
    await host.experiments.whenStopped(created.id);
    expect(host.experiments.get(created.id).status).toBe('cancelled');
  });

  it('keeps its questions after its dataset is deleted (from the runs\' stored prompts) and says the dataset is gone', async () => {
    const host = await openHost();
    const spec = await tinySpec(host, 2);
    const experiment = host.experiments.create(spec);
    await host.experiments.whenStopped(experiment.id);
    const before = host.experiments.results(experiment.id);
    expect(before.datasetDeleted).toBe(false);
    expect(before.items.every((i) => i.question.length > 0)).toBe(true);

    await host.handlers['datasets.delete']({ id: spec.datasetId });
    const after = host.experiments.results(experiment.id);
    expect(after.datasetDeleted).toBe(true);
    expect(after.items.map((i) => [i.id, i.question])).toEqual(before.items.map((i) => [i.id, i.question]));
    expect(after.cells).toHaveLength(4);
    expect(after.items.every((i) => i.answer === '')).toBe(true);
  });
});
