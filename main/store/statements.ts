// Prepared-statement cache: repositories call `prepared(db, sql)` instead of `db.prepare` on hot
// paths (exports, trace reads) so each SQL text is compiled once per connection.
import type BetterSqlite3 from 'better-sqlite3';

const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/**
 * The connection's prepared statement for `sql`, compiled on first use. A statement's mode (`pluck`,
 * `raw`) sticks to the cached object, so each SQL text must always be used in the same mode.
 */
export function prepared(db: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
