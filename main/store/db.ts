// The SQLite connection: where the database file lives, the pragmas every connection uses, schema
// migrations on open, and recovery of runs that a previous process left unfinished.
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrations } from './migrations';
import { applyMigrations } from './migrations/migrate';
import { recoverInterruptedRuns } from './runs';

export type Database = BetterSqlite3.Database;

export interface OpenOptions {
  /**
   * Mark runs left queued/running as interrupted (default true). Pass false when another live
   * process (the app) may be recording runs in the same file, e.g. a CLI export beside it.
   */
  recoverInterrupted?: boolean;
  /** Milliseconds to wait for another connection's write lock before failing (default 5000). */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed, with its parent folder) the database at `file`, sets WAL,
 * synchronous=NORMAL, foreign keys and a busy timeout, applies pending migrations, then marks runs
 * that a previous process left `queued` or `running` as `interrupted`.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a power cut may lose the last commits, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    applyMigrations(db, migrations);
    if (options.recoverInterrupted ?? true) recoverInterruptedRuns(db, new Date().toISOString());
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * Where the database lives when the host names no path: `WORKBENCH_DB` when set, else the per-user
 * application-data folder of the platform (XDG on Linux, Application Support on macOS, APPDATA on
 * Windows). Electron's host passes its own userData path instead; the variable still wins there.
 */
export function defaultDatabasePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.WORKBENCH_DB) return env.WORKBENCH_DB;
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'Reasoning Workbench', 'workbench.db');
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', 'Reasoning Workbench', 'workbench.db');
  }
  // The XDG spec says relative values are invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.posix.join(home, '.local', 'share');
  return path.posix.join(xdg, 'reasoning-workbench', 'workbench.db');
}
