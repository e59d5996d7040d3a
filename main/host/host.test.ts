// The host with a real engine child process and a real SQLite file: runs are recorded as they go,
// a killed engine fails only the run in flight (its tokens stay readable) and the next run works,
// cancellation of queued runs, grading of dataset items and of runs given a reference, and RICE calibration with its progress.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEventPayload } from '@app/api';
import { RunRequest } from '@app/runs';
import { readTrace } from '../store/trace';
import { childProcessSpawner } from './child-engine';
import type { Host } from './host-shape';
import { createHost } from './host';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
let host: Host;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-host-'));
  host = await createHost({ dbPath: path.join(dir, 'db.sqlite'), spawnEngine: childProcessSpawner(), kind: 'cli', nativeModelsDir: path.join(root, 'native-models') });
});
afterAll(async () => host?.close());

const request = (text: string, maxNewTokens = 48, model = 'base') =>
  RunRequest.parse({ prompt: { kind: 'text', text }, config: { method: 'autoregressive', models: { model: { model } }, sampling: { maxNewTokens } } });

describe('host', () => {
  it('registers the embedded models with their capabilities', async () => {
    expect(host.startupProblems).toEqual([]);
    const models = await host.handlers['models.list']({});
    expect(models.map((m) => m.id).sort()).toEqual(['base', 'draft', 'moe']);
    expect(models.find((m) => m.id === 'moe')!.capabilities.routerBias).toBe(true);
    // moe brings its RICE calibration (made on these very files: no startup problem above).
    expect(await host.handlers['rice.tables']({ modelId: 'moe' })).toEqual([expect.objectContaining({ shipped: true, datasetId: null })]);
  });

  it('records a run and its trace as it goes', async () => {
    const seen: string[] = [];
    const off = host.hub.subscribe((event) => seen.push(event));
    const runId = host.runs.start(request('a = 3. b = a + 4. What is b?'));
    const record = await host.runs.finished(runId);
    off();
    expect(record.status).toBe('completed');
    expect(record.output).toContain('Answer: 7');
    expect(record.metrics!.ttftMs).toBeGreaterThan(0);
    const trace = readTrace(host.db, runId);
    expect(trace.filter((e) => e.kind === 'token').length).toBe(record.metrics!.newTokens);
    expect(seen).toContain('run.started');
    expect(seen).toContain('run.events');
    expect(seen[seen.length - 1]).toBe('run.finished');
  });

  it('survives the engine dying mid-run: that run fails with what it had, the next one runs', async () => {
    let tokens = 0;
    const off = host.hub.subscribe((event, payload) => {
      if (event !== 'run.events') return;
      tokens += (payload as ApiEventPayload<'run.events'>).events.filter((e) => e.kind === 'token').length;
      if (tokens >= 5 && tokens < 1000) {
        tokens = 1000;
        host.engine.kill();
      }
    });
    const runId = host.runs.start(RunRequest.parse({ prompt: { kind: 'raw', text: 'a' }, config: { method: 'autoregressive', models: { model: { model: 'draft' } }, sampling: { maxNewTokens: 2000 } } }));
    const crashed = await host.runs.finished(runId);
    off();
    expect(crashed.status).toBe('failed');
    expect(crashed.error!.code).toBe('engine_crashed');
    const kept = readTrace(host.db, runId).filter((e) => e.kind === 'token');
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(crashed.output.length).toBeGreaterThan(0);
    const next = await host.runs.finished(host.runs.start(request('a = 1. b = a + 1. What is b?')));
    expect(next.status).toBe('completed');
  });

  it('cancels a queued run without running it', async () => {
    const first = host.runs.start(request('a = 2. b = a + 2. What is b?', 32));
    const second = host.runs.start(request('a = 5. b = a + 5. What is b?', 32));
    await host.handlers['runs.cancel']({ id: second });
    expect((await host.runs.finished(second)).status).toBe('cancelled');
    expect((await host.runs.finished(first)).status).toBe('completed');
    expect(readTrace(host.db, second)).toEqual([]);
  });

  it('grades runs of dataset items', async () => {
    const ds = await host.handlers['datasets.generate']({ families: ['variables'], difficulties: [2], countPerCell: 2, seed: 1, split: 'test' });
    const { items } = await host.handlers['datasets.items']({ id: ds.id, limit: 10, offset: 0 });
    for (const item of items) {
      const rec = await host.runs.finished(host.runs.start(RunRequest.parse({ ...request(item.question, 96), datasetItemId: item.id })));
      expect(rec.answer).toBe(item.answer); // the base model solves difficulty-2 chains
      expect(rec.correct).toBe(true);
    }
  });

  it('grades a run against the reference it came with (a Playground example), stores it, and lists it as correct', async () => {
    const question = 'a = 3. b = a + 4. What is b?';
    const right = await host.runs.finished(host.runs.start(RunRequest.parse({ ...request(question), expected: { answer: '7', kind: 'numeric' } })));
    expect(right).toMatchObject({ answer: '7', correct: true, setup: { reference: { answer: '7', grading: { kind: 'numeric', tolerance: 1e-6 } } } });
    const wrong = await host.runs.finished(host.runs.start(RunRequest.parse({ ...request(question), expected: { answer: '8', kind: 'numeric' } })));
    expect(wrong).toMatchObject({ answer: '7', correct: false });
    const listed = await host.handlers['runs.list']({ limit: 10, offset: 0 });
    expect(listed.runs.find((r) => r.id === right.id)?.correct).toBe(true);
    expect(listed.runs.find((r) => r.id === wrong.id)?.correct).toBe(false);
    // Without a reference nothing is graded.
    expect((await host.runs.finished(host.runs.start(request(question)))).correct).toBeNull();
  });

  it('adds a real export with its variants, switches its dtype, and registers nothing from a broken folder', async () => {
    const folder = path.join(root, 'native-models/tools/fixtures/real/qwen3');
    const added = await host.handlers['models.add']({ path: folder });
    expect(added.variants.map((v) => v.dtype)).toEqual(['fp32', 'fp16', 'q4', 'q4f16']);
    expect(added.variants[0]!.files).toEqual(['onnx/model.onnx', 'onnx/model.onnx_data']);
    expect([added.dtype, added.dtypeChosen]).toEqual(['fp32', false]);
    expect(added.parameterCount).toBeGreaterThan(100_000);
    const switched = await host.handlers['models.setDtype']({ id: added.id, dtype: 'q4f16' });
    expect([switched.dtype, switched.dtypeChosen, switched.ioDtype]).toEqual(['q4f16', true, 'float16']);
    expect(switched.fingerprint).not.toBe(added.fingerprint);
    const runId = host.runs.start(RunRequest.parse({ prompt: { kind: 'raw', text: 'a = 3.' }, config: { method: 'autoregressive', models: { model: { model: added.id } }, sampling: { maxNewTokens: 4 } } }));
    const record = await host.runs.finished(runId);
    expect(record.status).toBe('completed');
    expect(Object.values(record.setup.fingerprints)).toContain(switched.fingerprint); // the run loaded the chosen variant
    await expect(host.handlers['models.setDtype']({ id: added.id, dtype: 'int8' })).rejects.toThrow(/no int8 variant/);

    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-broken-'));
    fs.cpSync(folder, broken, { recursive: true });
    fs.truncateSync(path.join(broken, 'onnx/model.onnx_data'), 1000);
    const before = (await host.handlers['models.list']({})).length;
    await expect(host.handlers['models.add']({ path: broken, dtype: 'fp32' })).rejects.toThrow(/model\.onnx_data is truncated/);
    expect((await host.handlers['models.list']({})).length).toBe(before);
  });

  it('answers files.chooseSavePath with unavailable outside the desktop app', async () => {
    await expect(host.handlers['files.chooseSavePath']({ defaultName: 'runs-1.csv', format: 'csv' })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('--out') });
  });

  it('calibrates RICE through the engine process with rice.progress events per item, and stores the table', async () => {
    const ds = await host.handlers['datasets.generate']({ families: ['arithmetic'], difficulties: [2], countPerCell: 3, seed: 2, split: 'train' });
    const progress: Array<ApiEventPayload<'rice.progress'>> = [];
    const off = host.hub.subscribe((event, payload) => {
      if (event === 'rice.progress') progress.push(payload as ApiEventPayload<'rice.progress'>);
    });
    const table = await host.handlers['rice.calibrate']({ model: { model: 'moe', provider: 'cpu' }, datasetId: ds.id, itemLimit: 2, markers: ['<think>', '</think>'], topExperts: 2 });
    off();
    expect(progress.map((p) => [p.done, p.total])).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    expect(progress.every((p) => p.modelId === 'moe' && p.datasetId === ds.id)).toBe(true);
    expect((await host.handlers['rice.tables']({ modelId: 'moe' })).map((t) => t.id)).toContain(table.id);
  });
});
