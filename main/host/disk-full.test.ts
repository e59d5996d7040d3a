// A real full disk: the database on a small tmpfs, filled up while a run streams tokens. The run
// fails with store_failed, the host keeps answering, and once space is freed the database is intact
// and the refused end is recorded. Needs root to mount a tmpfs; skipped with the reason elsewhere.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunRequest } from '@app/runs';
import { getRun } from '../store/runs';
import { childProcessSpawner } from './child-engine';
import type { Host } from './host-shape';
import { createHost } from './host';
import { appRoot, tempDir } from './test-support';

let tmp: ReturnType<typeof tempDir>;
let mounted = false;
try {
  tmp = tempDir('wb-disk-full-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', tmp.dir], { stdio: 'pipe' });
  mounted = true;
} catch (err) {
  console.log(`disk-full test skipped: cannot mount a small tmpfs here (${(err as Error).message.split('\n')[0]}); run as root to test a real full disk`);
}

let host: Host;
beforeAll(async () => {
  if (!mounted) return;
  host = await createHost({ dbPath: tmp.file('db.sqlite'), spawnEngine: childProcessSpawner(), kind: 'cli', nativeModelsDir: appRoot('native-models') });
}, 60_000);
afterAll(async () => {
  await host?.close().catch(() => undefined);
  if (mounted) execFileSync('umount', [tmp.dir]);
  tmp?.cleanup();
});

const request = (maxNewTokens: number) =>
  RunRequest.parse({ prompt: { kind: 'text', text: 'a = 3. b = a + 4. What is b?' }, config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { maxNewTokens, ignoreEos: true } } });

describe.skipIf(!mounted)('a full disk (tmpfs)', () => {
  it('fails the streaming run with store_failed and keeps the database intact', async () => {
    // Leave ~48 KB free: a few groups of token rows fit, the rest do not.
    const filler = tmp.file('filler');
    const free = () => fs.statfsSync(tmp.dir).bavail * fs.statfsSync(tmp.dir).bsize;
    fs.writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 48 * 1024)));
    const record = await host.runs.finished(host.runs.start(request(3000)));
    expect(record.status).toBe('failed');
    expect(record.error?.code).toBe('store_failed');
    expect(record.error?.message).toMatch(/disk is full/);
    expect(await host.handlers['models.list']({})).toHaveLength(3); // still answering
    fs.rmSync(filler);
    const next = await host.runs.finished(host.runs.start(request(4)));
    expect(next.status).toBe('completed');
    expect(getRun(host.db, record.id).status).toBe('failed');
    expect(host.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 120_000);
});
