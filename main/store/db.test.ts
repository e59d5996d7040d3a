import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDatabasePath, openDatabase } from './db';
import { migrations } from './migrations';
import { getRun, createRun, markRunning } from './runs';
import { runRequest, tempDb, tokenEvent } from './test-fixtures';
import { TraceWriter } from './trace';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('openDatabase', () => {
  it('creates the parent folder and sets WAL, synchronous NORMAL, foreign keys and a busy timeout', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'workbench-db-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'nested', 'deeper', 'workbench.db');
    const db = openDatabase(file);
    cleanups.push(() => db.close());
    expect(existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('marks runs a previous process left queued or running as interrupted, output rebuilt from tokens', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    createRun(t.db, { id: 'queued', request: runRequest(), createdAt: '2025-01-01T00:00:00.000Z', seed: 0, models: ['base'] });
    createRun(t.db, { id: 'running', request: runRequest(), createdAt: '2025-01-01T00:00:01.000Z', seed: 0, models: ['base'] });
    markRunning(t.db, 'running', { promptText: 'p', promptTokens: 3, setup: {} });
    new TraceWriter(t.db, 'running').appendAll([tokenEvent(0), tokenEvent(1), tokenEvent(2)]);
    t.db.close();

    const before = Date.now();
    const db = openDatabase(t.file);
    cleanups.push(() => db.close());
    const running = getRun(db, 'running');
    expect(running.status).toBe('interrupted');
    expect(running.output).toBe('t0 t1 t2 ');
    expect(Date.parse(running.finishedAt!)).toBeGreaterThanOrEqual(before - 1);
    // The rebuilt output is stored, not only computed on read.
    expect(db.prepare("SELECT output FROM run WHERE id = 'running'").pluck().get()).toBe('t0 t1 t2 ');
    expect(getRun(db, 'queued').status).toBe('interrupted');
    expect(getRun(db, 'queued').output).toBe('');
  });

  it('leaves live runs alone when told another process may own them', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    createRun(t.db, { id: 'r', request: runRequest(), createdAt: '2025-01-01T00:00:00.000Z', seed: 0, models: ['base'] });
    const second = openDatabase(t.file, { recoverInterrupted: false });
    cleanups.push(() => second.close());
    expect(getRun(second, 'r').status).toBe('queued');
  });

  it('refuses a database written by a newer app and leaves it untouched', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    t.db.prepare("INSERT INTO schema_migrations (id, name, applied_at) VALUES (999, 'future', 'x')").run();
    t.db.close();
    expect(() => openDatabase(t.file)).toThrow(/newer than this app/);
    const raw = new BetterSqlite3(t.file);
    cleanups.push(() => raw.close());
    expect(raw.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(migrations.length + 1);
  });
});

describe('defaultDatabasePath', () => {
  it('prefers WORKBENCH_DB on every platform', () => {
    expect(defaultDatabasePath({ WORKBENCH_DB: '/data/wb.db', XDG_DATA_HOME: '/x' }, 'linux', '/home/a')).toBe('/data/wb.db');
    expect(defaultDatabasePath({ WORKBENCH_DB: 'C:\\wb.db', APPDATA: 'C:\\A' }, 'win32', 'C:\\Users\\a')).toBe('C:\\wb.db');
  });

  it('uses XDG_DATA_HOME or ~/.local/share on Linux, ignoring a relative XDG_DATA_HOME', () => {
    expect(defaultDatabasePath({ XDG_DATA_HOME: '/xdg' }, 'linux', '/home/a')).toBe('/xdg/reasoning-workbench/workbench.db');
    expect(defaultDatabasePath({}, 'linux', '/home/a')).toBe('/home/a/.local/share/reasoning-workbench/workbench.db');
    expect(defaultDatabasePath({ XDG_DATA_HOME: 'rel' }, 'linux', '/home/a')).toBe('/home/a/.local/share/reasoning-workbench/workbench.db');
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultDatabasePath({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/Reasoning Workbench/workbench.db');
    expect(defaultDatabasePath({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\Reasoning Workbench\\workbench.db',
    );
    expect(defaultDatabasePath({}, 'win32', 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Roaming\\Reasoning Workbench\\workbench.db');
  });
});
