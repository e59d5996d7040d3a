import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import { getRun } from './runs';
import { streamEvent, tempDb } from './test-fixtures';
import { readTrace } from './trace';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-helpers', 'trace-child.ts');

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('a process killed while recording', () => {
  it('leaves every event it wrote readable and the run interrupted', async () => {
    const t = tempDb();
    cleanup = t.cleanup;
    t.db.close();

    const proc = fork(child, [t.file, 'crash'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let acked = 0;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      proc.on('message', (m: { written: number }) => {
        acked = Math.max(acked, m.written);
        if (acked >= 300 && !proc.killed) {
          proc.kill('SIGKILL');
          resolve();
        }
      });
      proc.on('exit', (code) => (acked < 300 ? reject(new Error(`child exited early with ${code}`)) : resolve()));
    });
    expect(await exited).toBe('SIGKILL');

    const db = openDatabase(t.file);
    try {
      const run = getRun(db, 'crash');
      expect(run.status).toBe('interrupted');
      expect(run.finishedAt).not.toBeNull();
      const trace = readTrace(db, 'crash');
      // Everything acknowledged before the kill is there, with no gaps; the child may have written a
      // few more before the signal landed.
      expect(trace.length).toBeGreaterThanOrEqual(acked);
      expect(trace).toEqual(Array.from({ length: trace.length }, (_, n) => streamEvent(n)));
      const tokens = trace.filter((e) => e.kind === 'token');
      expect(run.output).toBe(tokens.map((e) => e.text).join(''));
      expect(run.output.length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
