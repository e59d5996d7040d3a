// Which runs an export covers ({runIds} or {experimentId}) and how they are read: in pages, each
// fetched whole with one query, so no statement stays open while the exporter awaits file writes
// (better-sqlite3 refuses writes on a connection with an open iterator, and the host keeps recording
// runs on the same connection during an export).
import type BetterSqlite3 from 'better-sqlite3';
import { WorkbenchError } from '@app/errors';
import type { ExportRequest } from '@app/exports';
import type { RunRecord } from '@app/runs';
import { toJson } from '../json';
import type { RunRow } from '../runs';
import { runRecordFromRow } from '../runs';
import { prepared } from '../statements';

export type ExportTarget = ExportRequest['target'];

/** Runs fetched per page: enough to amortise queries, few enough to keep memory flat. */
export const RUN_PAGE = 250;

function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Checks that the target exists and returns how many runs it covers. Throws `not_found` for an
 * unknown experiment or for run ids that do not exist (naming a few).
 */
export function countTarget(db: BetterSqlite3.Database, target: ExportTarget): number {
  if ('experimentId' in target) {
    if (!prepared(db, 'SELECT 1 FROM experiment WHERE id = ?').get(target.experimentId)) {
      throw new WorkbenchError('not_found', `No experiment with id "${target.experimentId}"`, { id: target.experimentId });
    }
    return prepared(db, 'SELECT count(*) FROM run WHERE experiment_id = ?').pluck().get(target.experimentId) as number;
  }
  const ids = uniqueIds(target.runIds);
  const missing = prepared(db, 'SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM run) LIMIT 4')
    .pluck()
    .all(toJson(ids)) as string[];
  if (missing.length > 0) {
    const shown = missing.slice(0, 3).map((id) => `"${id}"`).join(', ');
    throw new WorkbenchError('not_found', `Some runs to export do not exist: ${shown}${missing.length > 3 ? ', ...' : ''}`, { missing: missing.slice(0, 3) });
  }
  return ids.length;
}

/**
 * The target's runs, page by page: run ids in the order given (duplicates once), an experiment's runs
 * oldest first. Each page is read completely before it is yielded, and the event loop gets a turn
 * between pages so the host's other work (recording a running run, IPC) interleaves with a long export.
 */
export async function* runPages(db: BetterSqlite3.Database, target: ExportTarget, pageSize = RUN_PAGE): AsyncGenerator<RunRecord[]> {
  if ('runIds' in target) {
    const ids = uniqueIds(target.runIds);
    const stmt = prepared(db, 'SELECT * FROM run WHERE id IN (SELECT value FROM json_each(?))');
    for (let i = 0; i < ids.length; i += pageSize) {
      const chunk = ids.slice(i, i + pageSize);
      const byId = new Map((stmt.all(toJson(chunk)) as RunRow[]).map((r) => [r.id, r]));
      const page = chunk.flatMap((id) => {
        const row = byId.get(id);
        return row ? [runRecordFromRow(db, row)] : [];
      });
      if (page.length > 0) yield page;
      await nextTurn();
    }
    return;
  }
  const first = prepared(db, 'SELECT * FROM run WHERE experiment_id = ? ORDER BY created_at, id LIMIT ?');
  const next = prepared(db, 'SELECT * FROM run WHERE experiment_id = ? AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?');
  let rows = first.all(target.experimentId, pageSize) as RunRow[];
  while (rows.length > 0) {
    yield rows.map((r) => runRecordFromRow(db, r));
    if (rows.length < pageSize) return;
    await nextTurn();
    const last = rows.at(-1)!;
    rows = next.all(target.experimentId, last.created_at, last.id, pageSize) as RunRow[];
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
