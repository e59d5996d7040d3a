// The migration runner: applies numbered schema migrations in order, each in its own transaction,
// and records them in `schema_migrations`, so opening a database of any older version upgrades it.
import type BetterSqlite3 from 'better-sqlite3';

/** One schema change: a stable id (its number), a short name, and the SQL (or, to rewrite JSON data, the function) that applies it. */
export interface Migration {
  id: number;
  name: string;
  up: string | ((db: BetterSqlite3.Database) => void);
}

export interface AppliedMigration {
  id: number;
  name: string;
  appliedAt: string;
}

/**
 * Applies every migration of `migrations` (ascending ids) not yet recorded in `schema_migrations`.
 * Each runs in one transaction with its record, so a failing migration leaves the database at the
 * previous version. Throws when the database was written by a newer version of the app.
 * Returns the ids applied now.
 */
export function applyMigrations(db: BetterSqlite3.Database, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.id <= migrations[i - 1]!.id) throw new Error(`migrations out of order at id ${migrations[i]!.id}`);
  }
  const applied = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as number[]);
  const latest = migrations.at(-1)?.id ?? 0;
  const unknown = [...applied].filter((id) => id > latest);
  if (unknown.length > 0) {
    // A newer app added tables this build does not know about; writing to it could corrupt them.
    throw new Error(`database schema is newer than this app (migration ${Math.max(...unknown)} > ${latest}): update the app`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      record.run(m.id, m.name, new Date().toISOString());
    })();
    done.push(m.id);
  }
  return done;
}

/** The migrations recorded in a database, in id order. */
export function appliedMigrations(db: BetterSqlite3.Database): AppliedMigration[] {
  const rows = db.prepare('SELECT id, name, applied_at FROM schema_migrations ORDER BY id').all() as { id: number; name: string; applied_at: string }[];
  return rows.map((r) => ({ id: r.id, name: r.name, appliedAt: r.applied_at }));
}
