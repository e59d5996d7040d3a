import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { migrations } from './index';
import { applyMigrations, appliedMigrations } from './migrate';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workbench-migrate-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'workbench.db');
}

function tables(db: BetterSqlite3.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

describe('migrations', () => {
  it('are numbered 1..n in order, with file-style names', () => {
    expect(migrations.map((m) => m.id)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) expect(m.name).toMatch(/^[a-z0-9-]+$/);
  });

  it('apply all on a new database and re-opening applies nothing again', () => {
    const file = tempFile();
    const db = openDatabase(file);
    const first = appliedMigrations(db);
    expect(first.map((m) => m.id)).toEqual(migrations.map((m) => m.id));
    const schema = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all();
    db.close();

    const again = openDatabase(file);
    cleanups.push(() => again.close());
    expect(appliedMigrations(again)).toEqual(first);
    expect(applyMigrations(again, migrations)).toEqual([]);
    expect(again.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all()).toEqual(schema);
    expect(tables(again)).toEqual(
      ['dataset', 'dataset_item', 'experiment', 'host_lease', 'model', 'npmi_table', 'run', 'run_event', 'run_token', 'schema_migrations'].sort(),
    );
  });

  it('upgrade a database at migration 1 to the latest, keeping its data', () => {
    const file = tempFile();
    const old = new BetterSqlite3(file);
    expect(applyMigrations(old, migrations.slice(0, 1))).toEqual([1]);
    expect(tables(old)).not.toContain('run_token');
    old.prepare(
      `INSERT INTO run (id, created_at, status, method, models, config, prompt, prompt_preview, seed, output)
       VALUES ('old', '2024-01-01T00:00:00.000Z', 'completed', 'autoregressive', '["base"]', '{}', '{}', 'p', 0, 'kept')`,
    ).run();
    old.close();

    const db = openDatabase(file);
    cleanups.push(() => db.close());
    expect(appliedMigrations(db).map((m) => m.id)).toEqual(migrations.map((m) => m.id));
    expect(tables(db)).toContain('run_token');
    expect(tables(db)).toContain('npmi_table');
    expect(db.prepare("SELECT output FROM run WHERE id = 'old'").pluck().get()).toBe('kept');
  });

  it('roll back a failing migration completely, leaving the previous version', () => {
    const db = new BetterSqlite3(tempFile());
    cleanups.push(() => db.close());
    const broken = [
      { id: 1, name: 'good', up: 'CREATE TABLE a (x INTEGER);' },
      { id: 2, name: 'bad', up: 'CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => applyMigrations(db, broken)).toThrow(/nowhere/);
    expect(appliedMigrations(db).map((m) => m.id)).toEqual([1]);
    expect(tables(db)).toContain('a');
    expect(tables(db)).not.toContain('b');
  });

  it('refuse a list out of order', () => {
    const db = new BetterSqlite3(':memory:');
    cleanups.push(() => db.close());
    expect(() =>
      applyMigrations(db, [
        { id: 2, name: 'two', up: '' },
        { id: 1, name: 'one', up: '' },
      ]),
    ).toThrow(/out of order/);
  });
});
