// The fault suite: browser mode (fastify + ws) over a real host (engine child process, SQLite file)
// on loopback, with faults injected while runs stream: deleting the running and a queued run, NaN
// logits, a database that is full, malformed WebSocket frames, hostile HTTP requests, an experiment
// far past the size cap, and a bounded fuzz of every API method with schema-generated extreme
// payloads. After each: the server still answers and the database is intact (integrity_check,
// foreign keys) and complete (every completed run holds all its tokens). Figures go to stdout.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { api } from '@app/api';
import { ExperimentSpec } from '@app/experiments';
import { childProcessSpawner } from '../host/child-engine';
import type { Host } from '../host/host';
import { createHost } from '../host/host';
import { appRoot, tempDir } from '../host/test-support';
import { createDataset } from '../store/datasets';
import { createExperiment } from '../store/experiments';
import { fuzzPayloads } from './fuzz-payloads';
import type { RunningServer } from './server';
import { startServer } from './server';

const token = 'fault-suite-token';
let host: Host;
let server: RunningServer;
let tmp: ReturnType<typeof tempDir>;
const figures = { requestsFuzzed: 0, faultsInjected: 0, crashes: 0, rowsLost: 0, internalErrors: 0 };

beforeAll(async () => {
  tmp = tempDir('wb-faults-');
  host = await createHost({ dbPath: tmp.file('db.sqlite'), spawnEngine: childProcessSpawner(), kind: 'serve', nativeModelsDir: appRoot('native-models') });
  server = await startServer({ handlers: host.handlers, hub: host.hub, downloads: host.downloads, token, staticDir: null, port: 0 });
}, 60_000);
afterAll(async () => {
  console.log(`fault suite: ${JSON.stringify(figures)}`);
  await server?.close();
  await host?.close();
  tmp?.cleanup();
});

interface Reply {
  status: number;
  json: { ok: boolean; value?: unknown; error?: { code: string; message: string } } | null;
}

async function http(path: string, init: { body?: string; headers?: Record<string, string>; method?: string } = {}): Promise<Reply> {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method: init.method ?? 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    body: init.body,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON (a file download)
  }
  return { status: res.status, json };
}

const call = (method: string, input: unknown = {}) => http(`/api/call/${method}`, { body: JSON.stringify(input) });

const runInput = (maxNewTokens: number, extra: Record<string, unknown> = {}) => ({
  prompt: { kind: 'text', text: 'a = 3. b = a + 4. What is b?' },
  config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { maxNewTokens, ignoreEos: true }, ...extra },
});

/** Waits for a run's end through the API (the way the UI would). */
async function finished(runId: string): Promise<{ status: string; error: { code: string; message: string } | null }> {
  for (;;) {
    const r = await call('runs.get', { id: runId });
    const run = r.json?.value as { status: string; error: { code: string; message: string } | null } | undefined;
    if (!run) throw new Error(`runs.get ${runId}: ${JSON.stringify(r.json)}`);
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((res) => setTimeout(res, 50));
  }
}

/** The server answers, and the database is intact and complete. */
async function healthy(): Promise<void> {
  const info = await call('app.info').catch(() => null);
  if (info?.status !== 200) figures.crashes++;
  expect(info?.status).toBe(200);
  expect(host.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(host.db.pragma('foreign_key_check')).toEqual([]);
  const incomplete = host.db
    .prepare(`SELECT r.id FROM run r WHERE r.status = 'completed' AND json_extract(r.metrics, '$.newTokens') != (SELECT count(*) FROM run_token t WHERE t.run_id = r.id)`)
    .all();
  figures.rowsLost += incomplete.length;
  expect(incomplete).toEqual([]);
}

function onceStreaming(runId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = host.hub.subscribe((event, payload) => {
      if ((payload as { runId?: string }).runId === runId && (event === 'run.events' || event === 'run.finished')) {
        off();
        resolve();
      }
    });
  });
}

describe('faults while runs stream', () => {
  it('deleting the running run', async () => {
    const started = await call('runs.start', runInput(3000));
    const runId = (started.json!.value as { runId: string }).runId;
    await onceStreaming(runId);
    figures.faultsInjected++;
    expect((await call('runs.delete', { ids: [runId] })).json?.value).toEqual({ deleted: 1 });
    expect((await call('runs.get', { id: runId })).status).toBe(404);
    const next = (await call('runs.start', runInput(8))).json!.value as { runId: string };
    expect((await finished(next.runId)).status).toBe('completed');
    await healthy();
  }, 60_000);

  it('deleting a queued run', async () => {
    const first = (await call('runs.start', runInput(200))).json!.value as { runId: string };
    const second = (await call('runs.start', runInput(200))).json!.value as { runId: string };
    figures.faultsInjected++;
    expect((await call('runs.delete', { ids: [second.runId] })).json?.value).toEqual({ deleted: 1 });
    expect((await finished(first.runId)).status).toBe('completed');
    await healthy();
  }, 60_000);

  it('NaN logits (RICE with an overflowing gate)', async () => {
    figures.faultsInjected++;
    const r = await call('runs.start', {
      prompt: { kind: 'text', text: 'a = 3. b = a + 4. What is b?' },
      config: { method: 'rice', models: { model: { model: 'moe' } }, params: { experts: [{ layer: 0, expert: 0 }], beta: 1e39, form: 'gate' }, sampling: { maxNewTokens: 16 } },
    });
    const run = await finished((r.json!.value as { runId: string }).runId);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('non_finite');
    await healthy();
  }, 60_000);

  it('a full database (SQLITE_FULL) while tokens stream', async () => {
    figures.faultsInjected++;
    host.db.exec('VACUUM'); // no free pages left over from the deleted runs: the next ones must grow the file
    const pages = host.db.pragma('page_count', { simple: true }) as number;
    host.db.pragma(`max_page_count = ${pages + 4}`);
    let runId;
    try {
      runId = ((await call('runs.start', runInput(1500))).json!.value as { runId: string }).runId;
      const run = await host.runs.finished(runId);
      expect(run.status).toBe('failed');
      expect(run.error?.code).toBe('store_failed');
      // While full, the API still answers (reads work; writes fail with a clear error).
      expect((await call('runs.list', {})).status).toBe(200);
    } finally {
      host.db.pragma('max_page_count = 1073741823');
    }
    // Once the database takes writes again, the end it refused is recorded.
    expect((await finished(((await call('runs.start', runInput(4))).json!.value as { runId: string }).runId)).status).toBe('completed');
    expect((await finished(runId)).error?.code).toBe('store_failed');
    await healthy();
  }, 120_000);
});

describe('hostile requests', () => {
  it('refuses text/plain, a token in the query, foreign origins, oversized and deep bodies, bad URLs', async () => {
    figures.faultsInjected += 7;
    expect((await http('/api/call/app.info', { body: '{}', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await http(`/api/call/app.info?token=${token}`, { body: '{}', headers: { authorization: '' } })).status).toBe(401);
    expect((await http('/api/call/app.info', { body: '{}', headers: { origin: 'http://evil.example' } })).status).toBe(403);
    const big = await http('/api/call/app.info', { body: JSON.stringify({ pad: 'x'.repeat(20 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
    expect(big.json?.error?.message).toMatch(/over \d+ bytes/);
    let deep = '"leaf"';
    for (let i = 0; i < 10_000; i++) deep = `{"a":${deep}}`;
    const nested = await http('/api/call/datasets.import', { body: `{"name":"n","format":"jsonl","content":"x","mapping":${deep}}` });
    expect(nested.status).toBe(400);
    expect(nested.json?.error?.message).toMatch(/nested deeper than/);
    expect((await http('/api/call/%E0%A4%A', { body: '{}' })).status).toBe(400);
    expect((await http('/api/download/%zz', { method: 'GET', body: undefined })).status).toBeLessThan(500);
    await healthy();
  }, 60_000);

  it('download ids work once and need no token', async () => {
    const runId = ((await call('runs.start', runInput(4))).json!.value as { runId: string }).runId;
    await finished(runId);
    const exported = await call('export.create', { target: { runIds: [runId] }, format: 'jsonl' });
    const id = (exported.json?.value as { downloads: { id: string }[] }).downloads[0]!.id;
    expect((await http(`/api/download/${id}`, { method: 'GET', headers: { authorization: '' } })).status).toBe(200);
    expect((await http(`/api/download/${id}`, { method: 'GET', headers: { authorization: '' } })).status).toBe(404);
  });

  it('export paths stay in the exports folder and never replace a file', async () => {
    figures.faultsInjected += 2;
    const runId = ((await call('runs.start', runInput(4))).json!.value as { runId: string }).runId;
    await finished(runId);
    const outside = await call('export.create', { target: { runIds: [runId] }, format: 'jsonl', path: tmp.file('outside.jsonl') });
    expect(outside.json?.error?.code).toBe('path_invalid');
    expect((await call('export.create', { target: { runIds: [runId] }, format: 'jsonl', path: 'mine.jsonl' })).json?.ok).toBe(true);
    const again = await call('export.create', { target: { runIds: [runId] }, format: 'jsonl', path: 'mine.jsonl' });
    expect(again.json?.error?.message).toMatch(/already exists/);
  });
});

/** Opens the event socket by hand and sends raw bytes after the handshake; resolves when the server closes it. */
function rawSocket(frame: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = net.connect(server.port, '127.0.0.1', () => {
      s.write(
        `GET /api/events?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    let upgraded = false;
    s.on('data', (d) => {
      if (!upgraded && d.toString().startsWith('HTTP/1.1 101')) {
        upgraded = true;
        s.write(frame);
      }
    });
    s.on('error', () => resolve());
    s.on('close', () => (upgraded ? resolve() : reject(new Error('no upgrade'))));
  });
}

describe('WebSocket bad frames', () => {
  it('a reserved opcode, a 2 MB frame and bad UTF-8 close that socket only', async () => {
    const watcher = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${token}`);
    await new Promise((r) => watcher.on('open', r));
    const mask = Buffer.from([1, 2, 3, 4]);
    figures.faultsInjected += 3;
    await rawSocket(Buffer.concat([Buffer.from([0x83, 0x80]), mask])); // opcode 3 is reserved
    const len = 2 * 1024 * 1024;
    const header = Buffer.alloc(10);
    header[0] = 0x82;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(len), 2);
    await rawSocket(Buffer.concat([header, mask, Buffer.alloc(len)]));
    await rawSocket(Buffer.concat([Buffer.from([0x81, 0x82]), mask, Buffer.from([0xff ^ 1, 0xfe ^ 2])])); // invalid UTF-8 text
    expect(watcher.readyState).toBe(WebSocket.OPEN);
    const runId = ((await call('runs.start', runInput(8))).json!.value as { runId: string }).runId;
    const seen = await new Promise<string>((resolve) => watcher.on('message', (d) => JSON.parse(String(d)).event === 'run.finished' && resolve(runId)));
    expect(seen).toBe(runId);
    watcher.close();
    await healthy();
  }, 60_000);
});

describe('an experiment far past the size cap', () => {
  it('is refused at create, and one already stored resumes without planning every cell', async () => {
    const dataset = createDataset(host.db, {
      id: 'ds-huge',
      name: 'huge',
      source: 'jsonl',
      grading: { kind: 'numeric', tolerance: 1e-6 },
      items: Array.from({ length: 10_000 }, (_, i) => ({ question: `a = ${i}. b = a + 1. What is b?`, answer: String(i + 1) })),
    });
    const spec = ExperimentSpec.parse({
      name: 'huge',
      datasetId: dataset.id,
      arms: Array.from({ length: 32 }, (_, i) => ({ label: `arm${i}`, config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { maxNewTokens: 4 } } })),
      samplesPerItem: 256,
    });
    figures.faultsInjected += 2;
    const refused = await call('experiments.create', spec);
    expect(refused.json?.error?.message).toMatch(/81,920,000 runs; one experiment may have at most/);
    createExperiment(host.db, { id: 'exp-huge', spec, total: 81_920_000, status: 'paused' });
    const heapBefore = process.memoryUsage().heapUsed;
    expect((await call('experiments.start', { id: 'exp-huge' })).status).toBe(200);
    await new Promise<void>((resolve) => {
      const off = host.hub.subscribe((event, payload) => {
        if (event === 'experiment.progress' && (payload as { current: unknown }).current) {
          off();
          resolve();
        }
      });
    });
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    expect((await call('experiments.cancel', { id: 'exp-huge' })).status).toBe(200);
    await host.experiments.whenStopped('exp-huge');
    expect((await call('experiments.delete', { id: 'exp-huge' })).status).toBe(200);
    await healthy();
  }, 120_000);
});

describe('fuzz: every API method with schema-generated extreme payloads', () => {
  it('never answers 5xx or internal, and the server keeps answering', async () => {
    const perMethod = 24;
    const deadline = Date.now() + 120_000; // bounded in time as well as in count, on a busy machine
    const findings: string[] = [];
    const methods = Object.keys(api).filter((m) => m !== 'models.remove');
    for (const [k, method] of methods.entries()) {
      for (const { body, note } of fuzzPayloads(api[method as keyof typeof api].input, perMethod, 1000 + k)) {
        if (Date.now() > deadline) break;
        const r = await http(`/api/call/${method}`, { body });
        figures.requestsFuzzed++;
        if (r.status >= 500 || r.json?.error?.code === 'internal') {
          figures.internalErrors++;
          findings.push(`${method} (${note}) -> ${r.status} ${r.json?.error?.message?.slice(0, 160)}`);
        }
      }
    }
    // Stop whatever the fuzz queued, so the database settles.
    for (const e of host.experiments.list()) if (['queued', 'running'].includes(e.status)) await host.experiments.cancel(e.id);
    const live = host.db.prepare("SELECT id FROM run WHERE status IN ('queued', 'running')").pluck().all() as string[];
    for (const id of live) await host.runs.cancel(id).catch(() => undefined);
    for (const id of live) await host.runs.finished(id);
    expect(findings).toEqual([]);
    await healthy();
  }, 300_000);
});
