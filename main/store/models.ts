// Models repository: the model registry (embedded models and ones the user added), each kept as its
// full ModelInfo with the columns lists and lookups need.
import type BetterSqlite3 from 'better-sqlite3';
import { WorkbenchError } from '@app/errors';
import { ModelInfo } from '@app/models';
import { toJson } from './json';
import { prepared } from './statements';

/** Adds a model or replaces the one with the same id (its original added_at is kept). */
export function upsertModel(db: BetterSqlite3.Database, info: ModelInfo, addedAt: string = new Date().toISOString()): ModelInfo {
  prepared(
    db,
    `INSERT INTO model (id, name, path, embedded, info, added_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, path = excluded.path, embedded = excluded.embedded, info = excluded.info`,
  ).run(info.id, info.name, info.path, info.embedded ? 1 : 0, toJson(info), addedAt);
  return info;
}

/** Every registered model: embedded ones first, then by name. */
export function listModels(db: BetterSqlite3.Database): ModelInfo[] {
  const rows = prepared(db, 'SELECT info FROM model ORDER BY embedded DESC, name, id').pluck().all() as string[];
  // Parsed so rows written before a field existed get its default (dtype, variants, sizes).
  return rows.map((r) => ModelInfo.parse(JSON.parse(r)));
}

/** One model. Throws `not_found` when there is none. */
export function getModel(db: BetterSqlite3.Database, id: string): ModelInfo {
  const info = prepared(db, 'SELECT info FROM model WHERE id = ?').pluck().get(id) as string | undefined;
  if (info === undefined) throw new WorkbenchError('not_found', `No model with id "${id}"`, { id });
  return ModelInfo.parse(JSON.parse(info));
}

/** Removes a model from the registry (its files and the runs that used it stay). Throws `not_found` when there is none. */
export function removeModel(db: BetterSqlite3.Database, id: string): void {
  if (prepared(db, 'DELETE FROM model WHERE id = ?').run(id).changes === 0) {
    throw new WorkbenchError('not_found', `No model with id "${id}"`, { id });
  }
}
