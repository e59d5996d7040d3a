// Two hosts on one database file (the app beside a headless CLI): opening the second never touches the
// first's live run or experiment, resuming an experiment a live host is running is refused (no
// duplicate runs), what a dead host left behind is recovered, and a host closing (SIGTERM) marks its
// running run interrupted on the way out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExperimentSpec } from '@app/experiments';
import { RunRequest } from '@app/runs';
import { createDataset } from '../store/datasets';
import { openDatabase } from '../store/db';
import { createRun, getRun, markRunning } from '../store/runs';
import { runRequest } from '../store/test-fixtures';
import { childProcessSpawner } from './child-engine';
import type { EngineProcess } from './engine-client';
import type { Host } from './host-shape';
import { createHost } from './host';
import { appRoot, tempDir } from './test-support';

let tmp: ReturnType<typeof tempDir>;
let a: Host;
/** Host a's engine processes: frozen (SIGSTOP) while host b opens, so a's run and experiment are still live whatever the machine's speed. */
const enginesOfA: EngineProcess[] = [];
const open = (spawnEngine = childProcessSpawner()) => createHost({ dbPath: tmp.file('db.sqlite'), spawnEngine, kind: 'cli', nativeModelsDir: appRoot('native-models') });
const freezeA = (signal: 'SIGSTOP' | 'SIGCONT') => {
  for (const e of enginesOfA) if (e.pid !== null) process.kill(e.pid, signal);
};
const long = () => RunRequest.parse({ prompt: { kind: 'text', text: 'a = 3. b = a + 4. What is b?' }, config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { maxNewTokens: 400, ignoreEos: true } } });

function started(host: Host, runId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = host.hub.subscribe((event, payload) => {
      if ((payload as { runId?: string }).runId === runId && (event === 'run.events' || event === 'run.finished')) {
        off();
        resolve();
      }
    });
  });
}

beforeAll(async () => {
  tmp = tempDir('wb-two-hosts-');
  const spawn = childProcessSpawner();
  a = await open(() => {
    const engine = spawn();
    enginesOfA.push(engine);
    return engine;
  });
}, 60_000);
afterAll(async () => {
  await a?.close();
  tmp?.cleanup();
});

describe('two hosts on one database', () => {
  it("a second host leaves the first's live run and experiment alone and refuses to resume it", async () => {
    const dataset = createDataset(a.db, { id: 'ds', name: 'd', source: 'jsonl', grading: { kind: 'numeric', tolerance: 1e-6 }, items: [{ question: 'a = 1. b = a + 2. What is b?', answer: '3' }, { question: 'a = 2. b = a + 2. What is b?', answer: '4' }] });
    const spec = ExperimentSpec.parse({ name: 'e', datasetId: dataset.id, arms: [{ label: 'ar', config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { maxNewTokens: 200, ignoreEos: true } } }], samplesPerItem: 2 });
    const experiment = a.experiments.create(spec);
    const runId = a.runs.start(long());
    await started(a, runId);
    freezeA('SIGSTOP');
    let b: Host | null = null;
    try {
      b = await open();
      expect(getRun(b.db, runId).status).not.toBe('interrupted');
      expect(b.experiments.get(experiment.id).status).toMatch(/queued|running/);
      expect(() => b!.experiments.start(experiment.id, { force: true })).toThrow(/another live process/);
    } finally {
      freezeA('SIGCONT');
      await b?.close();
    }
    expect((await a.runs.finished(runId)).status).toBe('completed');
    await a.experiments.whenStopped(experiment.id);
    const results = a.experiments.results(experiment.id);
    expect(results.cells).toHaveLength(4);
    expect(a.db.prepare('SELECT count(*) FROM run WHERE experiment_id = ?').pluck().get(experiment.id)).toBe(4);
  }, 240_000);

  it('recovers only what a dead host left behind', async () => {
    const db = openDatabase(tmp.file('db.sqlite'), { recoverInterrupted: false });
    createRun(db, { id: 'orphan', request: runRequest(), createdAt: new Date().toISOString(), seed: 0, models: ['base'] });
    markRunning(db, 'orphan', { promptText: 'p', promptTokens: 1, setup: {} });
    db.prepare("INSERT INTO host_lease (host_id, kind, pid, started_at, heartbeat_ms) VALUES ('dead', 'cli', 1, '', 0)").run();
    db.prepare("UPDATE run SET host_id = 'dead' WHERE id = 'orphan'").run();
    db.close();
    const b = await open();
    try {
      expect(getRun(b.db, 'orphan').status).toBe('interrupted');
      expect(b.db.prepare("SELECT count(*) FROM host_lease WHERE host_id = 'dead'").pluck().get()).toBe(0);
    } finally {
      await b.close();
    }
  }, 60_000);

  it('closing a host (SIGTERM) marks its running run interrupted', async () => {
    const runId = a.runs.start(long());
    await started(a, runId);
    await a.close();
    const db = openDatabase(tmp.file('db.sqlite'), { recoverInterrupted: false });
    try {
      const run = getRun(db, runId);
      expect(run.status).toBe('interrupted');
      expect(run.output.length).toBeGreaterThan(0);
      expect(db.prepare('SELECT count(*) FROM host_lease').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    a = await open();
  }, 60_000);
});
