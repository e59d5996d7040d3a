// nPMI tables repository: RICE calibration results per model (expert x thinking-marker association),
// kept so steering can use "the top experts of the model's latest calibration".
import type BetterSqlite3 from 'better-sqlite3';
import type { NpmiTable } from '@app/api';
import { WorkbenchError } from '@app/errors';
import { toJson } from './json';
import { prepared } from './statements';

type Payload = Omit<NpmiTable, 'id' | 'modelId' | 'datasetId' | 'createdAt'>;

interface NpmiRow {
  id: string;
  model_id: string;
  dataset_id: string | null;
  created_at: string;
  payload: string;
}

/** Saves a table (replacing one with the same id). */
export function saveNpmiTable(db: BetterSqlite3.Database, table: NpmiTable): NpmiTable {
  const { id, modelId, datasetId, createdAt, ...payload } = table;
  prepared(db, 'INSERT OR REPLACE INTO npmi_table (id, model_id, dataset_id, created_at, payload) VALUES (?, ?, ?, ?, ?)').run(
    id,
    modelId,
    datasetId,
    createdAt,
    toJson(payload),
  );
  return table;
}

/** Tables newest first, optionally of one model. */
export function listNpmiTables(db: BetterSqlite3.Database, filter: { modelId?: string } = {}): NpmiTable[] {
  const rows = (
    filter.modelId === undefined
      ? prepared(db, 'SELECT * FROM npmi_table ORDER BY created_at DESC, id DESC').all()
      : prepared(db, 'SELECT * FROM npmi_table WHERE model_id = ? ORDER BY created_at DESC, id DESC').all(filter.modelId)
  ) as NpmiRow[];
  return rows.map(tableFromRow);
}

/** One table. Throws `not_found` when there is none. */
export function getNpmiTable(db: BetterSqlite3.Database, id: string): NpmiTable {
  const row = prepared(db, 'SELECT * FROM npmi_table WHERE id = ?').get(id) as NpmiRow | undefined;
  if (!row) throw new WorkbenchError('not_found', `No nPMI table with id "${id}"`, { id });
  return tableFromRow(row);
}

/** The newest table of a model, or null when it was never calibrated. */
export function latestNpmiTable(db: BetterSqlite3.Database, modelId: string): NpmiTable | null {
  const row = prepared(db, 'SELECT * FROM npmi_table WHERE model_id = ? ORDER BY created_at DESC, id DESC LIMIT 1').get(modelId) as
    | NpmiRow
    | undefined;
  return row ? tableFromRow(row) : null;
}

function tableFromRow(r: NpmiRow): NpmiTable {
  const payload = JSON.parse(r.payload) as Payload;
  return { id: r.id, modelId: r.model_id, datasetId: r.dataset_id, createdAt: r.created_at, ...payload };
}
