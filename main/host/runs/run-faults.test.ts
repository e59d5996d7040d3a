// Store faults while a run streams, on the real host (engine child process, SQLite file): deleting the
// running or a queued run, NaN logits the store refuses, and a database that is full. Each must fail at
// most the run concerned, keep the host answering and leave the database intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunRequest } from '@app/runs';
import { tokenCount } from '../../store/trace';
import { childProcessSpawner } from '../child-engine';
import type { Host } from '../host-shape';
import { createHost } from '../host';
import { appRoot, tempDir } from '../test-support';

let host: Host;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  tmp = tempDir('wb-run-faults-');
  host = await createHost({ dbPath: tmp.file('db.sqlite'), spawnEngine: childProcessSpawner(), kind: 'cli', nativeModelsDir: appRoot('native-models') });
});
afterAll(async () => {
  await host?.close();
  tmp?.cleanup();
});

const request = (maxNewTokens: number, config: Record<string, unknown> = {}) =>
  RunRequest.parse({ prompt: { kind: 'text', text: 'a = 3. b = a + 4. What is b?' }, config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { maxNewTokens, ignoreEos: true }, ...config } });

/** Resolves once the run has streamed `n` trace events to subscribers. */
function eventsOf(runId: string, n: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const off = host.hub.subscribe((event, payload) => {
      const p = payload as { runId?: string; events?: unknown[] };
      if (p.runId !== runId) return;
      if (event === 'run.events') seen += p.events!.length;
      if (seen >= n || event === 'run.finished') {
        off();
        resolve();
      }
    });
  });
}

function intact(): void {
  expect(host.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(host.db.pragma('foreign_key_check')).toEqual([]);
}

async function stillRuns(): Promise<void> {
  const record = await host.runs.finished(host.runs.start(request(8)));
  expect(record.status).toBe('completed');
  expect(tokenCount(host.db, record.id)).toBe(8);
}

describe('store faults during a run', () => {
  it('deleting the running run stops it and deletes it; the host goes on', async () => {
    const runId = host.runs.start(request(2000));
    await eventsOf(runId, 5);
    const finished = host.runs.finished(runId);
    expect(await host.handlers['runs.delete']({ ids: [runId] })).toEqual({ deleted: 1 });
    const record = await finished;
    expect(record.status).toBe('cancelled');
    await expect(host.handlers['runs.get']({ id: runId })).rejects.toThrow(/no run/i);
    expect(tokenCount(host.db, runId)).toBe(0);
    await stillRuns();
    intact();
  });

  it('deleting a queued run takes it off the queue', async () => {
    const first = host.runs.start(request(64));
    const queued = host.runs.start(request(64));
    const finished = host.runs.finished(queued);
    expect(await host.handlers['runs.delete']({ ids: [queued] })).toEqual({ deleted: 1 });
    expect((await finished).status).toBe('cancelled');
    expect((await host.runs.finished(first)).status).toBe('completed');
    expect(tokenCount(host.db, first)).toBe(64);
    await stillRuns();
    intact();
  });

  it('NaN logits fail the run with non_finite; nothing non-finite is stored', async () => {
    const runId = host.runs.start(
      RunRequest.parse({ prompt: { kind: 'text', text: 'a = 3. b = a + 4. What is b?' }, config: { method: 'rice', models: { model: { model: 'moe' } }, params: { experts: [{ layer: 0, expert: 0 }], beta: 1e39, form: 'gate' }, sampling: { maxNewTokens: 16 } } }),
    );
    const record = await host.runs.finished(runId);
    expect(record.status).toBe('failed');
    expect(record.error?.code).toBe('non_finite');
    expect(record.error?.message).toMatch(/NaN|Infinity/);
    await stillRuns();
    intact();
  });

  it('a full database fails the run with store_failed and keeps what was committed', async () => {
    const pages = host.db.pragma('page_count', { simple: true }) as number;
    host.db.pragma(`max_page_count = ${pages + 2}`);
    let record;
    try {
      record = await host.runs.finished(host.runs.start(request(4000)));
    } finally {
      host.db.pragma('max_page_count = 1073741823');
    }
    expect(record.status).toBe('failed');
    expect(record.error?.code).toBe('store_failed');
    expect(record.error?.message).toMatch(/disk is full/);
    await stillRuns();
    intact();
  });
});
