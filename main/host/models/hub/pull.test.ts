// Pulls from a loopback fake of the hub into a real host (real engine child process, real SQLite): the
// variants listed before a download, a connection cut mid-file resumed with a Range request and
// verified, a wrong checksum refused with nothing registered, a gated repository without HF_TOKEN,
// cancelling a download in flight, and offline in one line.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullProgress } from '@app/hub';
import { childProcessSpawner } from '../../child-engine';
import type { Host } from '../../host';
import { createHost } from '../../host';
import type { FakeHub } from './fake-hub-server';
import { fakeSha, repoFilesFrom, startFakeHub } from './fake-hub-server';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');
const draft = path.join(root, 'native-models/draft');
/** A random-weight Llama 3.2 in the onnx-community layout: fp32 with external data, fp16, q4, q4f16. */
const llama = path.join(root, 'native-models/tools/fixtures/real/llama3.2');
let host: Host;
let hub: FakeHub;
let dir: string;
const modelsDir = () => path.join(dir, 'models');
const savedEnv = { endpoint: process.env.HF_ENDPOINT, token: process.env.HF_TOKEN };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-pull-'));
  const files = repoFilesFrom(draft);
  hub = await startFakeHub({
    'onnx-community/tiny-llama': { files: repoFilesFrom(llama), dropOnceAt: { 'onnx/model.onnx_data': 300_000 } },
    'workbench/draft-copy': { files },
    'workbench/corrupt': { files, wrongChecksum: ['model.weights'] },
    'workbench/gated': { files, gatedToken: 'hf_test_token' },
    'workbench/slow': { files, holdAt: { 'model.weights': 100_000 } },
  });
  process.env.HF_ENDPOINT = hub.url;
  delete process.env.HF_TOKEN;
  host = await createHost({ dbPath: path.join(dir, 'db.sqlite'), spawnEngine: childProcessSpawner(), kind: 'cli', nativeModelsDir: path.join(root, 'native-models'), modelsDir: modelsDir() });
}, 120_000);

afterAll(async () => {
  await host?.close();
  await hub?.close();
  process.env.HF_ENDPOINT = savedEnv.endpoint;
  if (savedEnv.endpoint === undefined) delete process.env.HF_ENDPOINT;
  if (savedEnv.token !== undefined) process.env.HF_TOKEN = savedEnv.token;
});

/** Resolves with the first progress event of `pullId` that satisfies `pred`. */
function progressWhere(pred: (p: PullProgress) => boolean): Promise<PullProgress> {
  return new Promise((resolve) => {
    const off = host.hub.subscribe((event, payload) => {
      if (event === 'models.pull.progress' && pred(payload as PullProgress)) {
        off();
        resolve(payload as PullProgress);
      }
    });
  });
}

const placedFolders = () => (fs.existsSync(modelsDir()) ? fs.readdirSync(modelsDir()).filter((f) => f !== '.partial') : []);

describe('pulling from the hub', () => {
  it('lists the dtype variants with their sizes before downloading', async () => {
    const listing = await host.handlers['models.hubVariants']({ repo: 'onnx-community/tiny-llama', revision: 'main' });
    expect(listing.sha).toBe(fakeSha('onnx-community/tiny-llama'));
    expect(listing.variants.map((v) => v.dtype)).toEqual(['fp32', 'fp16', 'q4', 'q4f16']);
    const fp32 = listing.variants[0]!;
    expect(fp32.files.map((f) => f.path)).toEqual(['onnx/model.onnx', 'onnx/model.onnx_data']);
    expect(fp32.bytes).toBe(fs.statSync(path.join(llama, 'onnx/model.onnx')).size + fs.statSync(path.join(llama, 'onnx/model.onnx_data')).size);
    expect(fp32.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256 ?? ''))).toBe(true);
    expect(listing.support.map((f) => f.path)).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'tokenizer_config.json']));
    expect(fs.existsSync(modelsDir())).toBe(false);
  });

  it('resumes a connection cut mid-file with a Range request, verifies it, places and registers the model', async () => {
    const started = await host.handlers['models.pull']({ repo: 'onnx-community/tiny-llama', revision: 'main', dtype: 'fp32' });
    const final = await host.pulls.finished(started.pullId);
    expect(final.message).toMatch(/^added /);
    expect(final.state).toBe('done');
    const data = final.files.find((f) => f.path === 'onnx/model.onnx_data')!;
    expect(data.resumes).toBeGreaterThanOrEqual(1);
    expect(hub.requests.some((r) => /resolve\/[0-9a-f]{40}\/onnx\/model\.onnx_data bytes=\d+-$/.test(r))).toBe(true);
    expect(final.doneBytes).toBe(final.bytes);
    const model = (await host.handlers['models.list']({})).find((m) => m.id === final.modelId)!;
    expect(model.embedded).toBe(false);
    expect(model.dtype).toBe('fp32');
    expect(path.dirname(model.path)).toBe(modelsDir());
    expect(fs.readFileSync(path.join(model.path, 'onnx/model.onnx_data')).equals(fs.readFileSync(path.join(llama, 'onnx/model.onnx_data')))).toBe(true);
    expect(fs.existsSync(path.join(model.path, 'onnx/model_q4.onnx'))).toBe(false); // only the chosen variant
    expect(fs.readdirSync(path.join(modelsDir(), '.partial'))).toEqual([]);
  }, 60_000);

  it('downloads, but does not register, a model that is already registered from another folder', async () => {
    const before = (await host.handlers['models.list']({})).length;
    const started = await host.handlers['models.pull']({ repo: 'workbench/draft-copy', revision: 'main', dtype: 'fp32' });
    const final = await host.pulls.finished(started.pullId);
    expect(final.state).toBe('failed');
    expect(final.message).toMatch(/cannot be added: .* holds the same model as "draft"/);
    expect((await host.handlers['models.list']({})).length).toBe(before);
  }, 60_000);

  it('refuses a file whose checksum does not match and registers nothing', async () => {
    const before = (await host.handlers['models.list']({})).length;
    const placed = placedFolders();
    const started = await host.handlers['models.pull']({ repo: 'workbench/corrupt', revision: 'main', dtype: 'fp32' });
    const final = await host.pulls.finished(started.pullId);
    expect(final.state).toBe('failed');
    expect(final.message).toMatch(/model\.weights: checksum mismatch \(sha256 expected/);
    expect((await host.handlers['models.list']({})).length).toBe(before);
    expect(placedFolders()).toEqual(placed);
  }, 60_000);

  it('names HF_TOKEN for a gated repository, and lists it with the token', async () => {
    await expect(host.handlers['models.hubVariants']({ repo: 'workbench/gated', revision: 'main' })).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/workbench\/gated is gated or private \(HTTP 401\): set HF_TOKEN/),
    });
    const started = await host.handlers['models.pull']({ repo: 'workbench/gated', revision: 'main', dtype: 'fp32' });
    expect((await host.pulls.finished(started.pullId)).message).toMatch(/HF_TOKEN/);
    process.env.HF_TOKEN = 'hf_test_token';
    try {
      const listing = await host.handlers['models.hubVariants']({ repo: 'workbench/gated', revision: 'main' });
      expect(listing.gated).toBe(true);
    } finally {
      delete process.env.HF_TOKEN;
    }
  });

  it('cancels a download in flight: the partial files go, nothing is registered', async () => {
    const before = (await host.handlers['models.list']({})).length;
    const placed = placedFolders();
    const inFlight = progressWhere((p) => p.repo === 'workbench/slow' && (p.files.find((f) => f.path === 'model.weights')?.done ?? 0) >= 100_000);
    const started = await host.handlers['models.pull']({ repo: 'workbench/slow', revision: 'main', dtype: 'fp32' });
    const seen = await inFlight;
    expect(seen.state).toBe('downloading');
    expect(seen.doneBytes).toBeLessThan(seen.bytes);
    await host.handlers['models.pullCancel']({ pullId: started.pullId });
    const final = await host.pulls.finished(started.pullId);
    expect(final.state).toBe('cancelled');
    expect(fs.readdirSync(path.join(modelsDir(), '.partial')).filter((d) => d.startsWith('workbench--slow'))).toEqual([]);
    expect((await host.handlers['models.list']({})).length).toBe(before);
    expect(placedFolders()).toEqual(placed);
  }, 60_000);

  it('says offline in one line when the hub cannot be reached', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    process.env.HF_ENDPOINT = `http://127.0.0.1:${closed}`;
    try {
      await expect(host.handlers['models.hubVariants']({ repo: 'onnx-community/tiny-llama', revision: 'main' })).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/^offline: cannot reach the model hub at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/),
      });
    } finally {
      process.env.HF_ENDPOINT = hub.url;
    }
  });
});

describe('adding a folder', () => {
  it('refuses a copy of a registered model, naming the one it duplicates; the same folder again is no duplicate', async () => {
    const copy = path.join(dir, 'draft-copy');
    fs.cpSync(draft, copy, { recursive: true });
    await expect(host.handlers['models.add']({ path: copy })).rejects.toMatchObject({ code: 'model_duplicate', message: expect.stringContaining('the same model as "draft"') });
    const real = await host.handlers['models.add']({ path: llama, dtype: 'q4' });
    expect((await host.handlers['models.add']({ path: llama, dtype: 'q4' })).id).toBe(real.id);
  }, 60_000);
});

describe('load and unload', () => {
  it('lists what the engine holds, unloads a model (released), and loads it again with the memory it took', async () => {
    const resident = await host.handlers['models.resident']({});
    expect(resident.map((r) => r.modelId)).toContain('draft');
    await host.handlers['models.unload']({ id: 'draft' });
    expect((await host.handlers['models.resident']({})).map((r) => r.modelId)).not.toContain('draft');
    const loaded = await host.handlers['models.load']({ id: 'draft', provider: 'cpu' });
    expect(loaded).toEqual([expect.objectContaining({ modelId: 'draft', provider: 'cpu', memoryBytes: expect.any(Number) })]);
    expect((await host.handlers['models.resident']({})).filter((r) => r.modelId === 'draft')).toHaveLength(1);
  }, 60_000);
});
