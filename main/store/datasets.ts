// Datasets repository: a dataset and its items written in one transaction (so a failed import leaves
// nothing), its content version (sha256 over the items), listing, item paging and deletion.
import type BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Dataset, DatasetItem, GradingSpec } from '@app/datasets';
import { WorkbenchError } from '@app/errors';
import { canonicalJson, toJson } from './json';
import { prepared } from './statements';

export interface NewDatasetItem {
  /** Defaults to `<datasetId>:<index>`. */
  id?: string;
  externalId?: string | null;
  question: string;
  answer: string;
  metadata?: Record<string, unknown>;
}

export interface NewDataset {
  id: string;
  name: string;
  source: Dataset['source'];
  grading: GradingSpec;
  meta?: Record<string, unknown>;
  createdAt?: string;
  /** Any iterable: a generator that throws part-way aborts the whole import. */
  items: Iterable<NewDatasetItem>;
}

interface DatasetRow {
  id: string;
  name: string;
  source: string;
  item_count: number;
  created_at: string;
  version: string;
  grading: string;
  meta: string;
}

interface ItemRow {
  id: string;
  dataset_id: string;
  idx: number;
  external_id: string | null;
  question: string;
  answer: string;
  metadata: string;
}

/**
 * Creates a dataset with all its items in one transaction: if any item fails (a constraint, or the
 * iterable throws), nothing of the dataset remains. The version is the sha256 of the items' content
 * (external id, question, answer, metadata with sorted keys), in order.
 */
export function createDataset(db: BetterSqlite3.Database, input: NewDataset): Dataset {
  const createdAt = input.createdAt ?? new Date().toISOString();
  const insertItem = prepared(
    db,
    'INSERT INTO dataset_item (id, dataset_id, idx, external_id, question, answer, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    prepared(
      db,
      "INSERT INTO dataset (id, name, source, item_count, created_at, version, grading, meta) VALUES (?, ?, ?, 0, ?, '', ?, ?)",
    ).run(input.id, input.name, input.source, createdAt, toJson(input.grading), toJson(input.meta ?? {}));
    const hash = createHash('sha256');
    let index = 0;
    for (const item of input.items) {
      insertItem.run(item.id ?? `${input.id}:${index}`, input.id, index, item.externalId ?? null, item.question, item.answer, toJson(item.metadata ?? {}));
      hash.update(versionLine(item));
      index++;
    }
    prepared(db, 'UPDATE dataset SET item_count = ?, version = ? WHERE id = ?').run(index, hash.digest('hex'), input.id);
  })();
  return getDataset(db, input.id);
}

/** One item's part of a dataset's version: its content with sorted keys, a line. */
function versionLine(item: NewDatasetItem): string {
  return `${canonicalJson([item.externalId ?? null, item.question, item.answer, item.metadata ?? {}])}\n`;
}

/** The version createDataset would give a dataset of these items (sha256 over their content, in order). */
export function datasetVersion(items: Iterable<NewDatasetItem>): string {
  const hash = createHash('sha256');
  for (const item of items) hash.update(versionLine(item));
  return hash.digest('hex');
}

/** The oldest dataset whose items have this version (the same content), or null. */
export function findDatasetByVersion(db: BetterSqlite3.Database, version: string): Dataset | null {
  const row = prepared(db, 'SELECT * FROM dataset WHERE version = ? ORDER BY created_at, id LIMIT 1').get(version) as DatasetRow | undefined;
  return row ? datasetFromRow(row) : null;
}

/** Every dataset, newest first. */
export function listDatasets(db: BetterSqlite3.Database): Dataset[] {
  return (prepared(db, 'SELECT * FROM dataset ORDER BY created_at DESC, id').all() as DatasetRow[]).map(datasetFromRow);
}

/** One dataset. Throws `not_found` when there is none. */
export function getDataset(db: BetterSqlite3.Database, id: string): Dataset {
  const row = prepared(db, 'SELECT * FROM dataset WHERE id = ?').get(id) as DatasetRow | undefined;
  if (!row) throw new WorkbenchError('not_found', `No dataset with id "${id}"`, { id });
  return datasetFromRow(row);
}

/** A page of a dataset's items in index order, and the item count. Throws `not_found` for an unknown dataset. */
export function listDatasetItems(
  db: BetterSqlite3.Database,
  datasetId: string,
  page: { limit?: number; offset?: number } = {},
): { items: DatasetItem[]; total: number } {
  const dataset = getDataset(db, datasetId);
  const rows = prepared(db, 'SELECT * FROM dataset_item WHERE dataset_id = ? ORDER BY idx LIMIT ? OFFSET ?').all(
    datasetId,
    page.limit ?? 100,
    page.offset ?? 0,
  ) as ItemRow[];
  return { items: rows.map(itemFromRow), total: dataset.itemCount };
}

/** Items by id, in the order asked; ids that do not exist are left out. */
export function getDatasetItems(db: BetterSqlite3.Database, ids: readonly string[]): DatasetItem[] {
  if (ids.length === 0) return [];
  const rows = prepared(db, 'SELECT * FROM dataset_item WHERE id IN (SELECT value FROM json_each(?))').all(toJson(ids)) as ItemRow[];
  const byId = new Map(rows.map((r) => [r.id, itemFromRow(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Deletes a dataset and its items (runs made from them keep their item ids). Throws `not_found` when there is none. */
export function deleteDataset(db: BetterSqlite3.Database, id: string): void {
  if (prepared(db, 'DELETE FROM dataset WHERE id = ?').run(id).changes === 0) {
    throw new WorkbenchError('not_found', `No dataset with id "${id}"`, { id });
  }
}

function datasetFromRow(r: DatasetRow): Dataset {
  return {
    id: r.id,
    name: r.name,
    source: r.source as Dataset['source'],
    itemCount: r.item_count,
    createdAt: r.created_at,
    version: r.version,
    grading: JSON.parse(r.grading) as GradingSpec,
    meta: JSON.parse(r.meta) as Record<string, unknown>,
  };
}

function itemFromRow(r: ItemRow): DatasetItem {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    index: r.idx,
    externalId: r.external_id,
    question: r.question,
    answer: r.answer,
    metadata: JSON.parse(r.metadata) as Record<string, unknown>,
  };
}
