// Host liveness in the database: a lease per process holding the file, renewed by a heartbeat; the
// owner of each queued/running run and running experiment; and recovery that marks interrupted (runs)
// or paused (experiments) only what hosts without a live lease left behind.
import type BetterSqlite3 from 'better-sqlite3';
import { prepared } from './statements';

/** A lease whose heartbeat is older than this is dead (a heartbeat is every HEARTBEAT_MS). */
export const LEASE_STALE_MS = 15_000;
export const HEARTBEAT_MS = 2_000;

/** Takes (or renews) a host's lease. */
export function heartbeat(db: BetterSqlite3.Database, lease: { hostId: string; kind: string; pid: number; startedAt: string }, nowMs = Date.now()): void {
  prepared(
    db,
    `INSERT INTO host_lease (host_id, kind, pid, started_at, heartbeat_ms) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (host_id) DO UPDATE SET heartbeat_ms = excluded.heartbeat_ms`,
  ).run(lease.hostId, lease.kind, lease.pid, lease.startedAt, nowMs);
}

/** Gives a lease up (a clean exit). */
export function releaseLease(db: BetterSqlite3.Database, hostId: string): void {
  prepared(db, 'DELETE FROM host_lease WHERE host_id = ?').run(hostId);
}

/** Records which host owns a run. */
export function claimRun(db: BetterSqlite3.Database, runId: string, hostId: string): void {
  prepared(db, 'UPDATE run SET host_id = ? WHERE id = ?').run(hostId, runId);
}

/** Records which host runs an experiment. */
export function claimExperiment(db: BetterSqlite3.Database, experimentId: string, hostId: string): void {
  prepared(db, 'UPDATE experiment SET host_id = ? WHERE id = ?').run(hostId, experimentId);
}

/** Whether the host owning an experiment holds a live lease (false for none). */
export function experimentOwnerAlive(db: BetterSqlite3.Database, experimentId: string, nowMs = Date.now()): boolean {
  return (
    prepared(db, 'SELECT 1 FROM experiment e JOIN host_lease l ON l.host_id = e.host_id WHERE e.id = ? AND l.heartbeat_ms >= ?').pluck().get(experimentId, nowMs - LEASE_STALE_MS) !==
    undefined
  );
}

/**
 * Marks the queued/running runs of hosts without a live lease interrupted (output rebuilt from their
 * tokens) and their running/queued experiments paused; drops the dead leases. Runs of live hosts are
 * left alone. Returns how many runs and experiments it touched.
 */
export function recoverDeadHosts(db: BetterSqlite3.Database, now: string, nowMs = Date.now()): { runs: number; experiments: number } {
  return db.transaction(() => {
    const stale = nowMs - LEASE_STALE_MS;
    prepared(db, 'DELETE FROM host_lease WHERE heartbeat_ms < ?').run(stale);
    const dead = "(host_id IS NULL OR host_id NOT IN (SELECT host_id FROM host_lease))";
    const runs = prepared(
      db,
      `UPDATE run SET status = 'interrupted', finished_at = ?,
         output = CASE WHEN output = '' THEN
           coalesce((SELECT group_concat(t.text, '' ORDER BY t.idx) FROM run_token t WHERE t.run_id = run.id), '')
           ELSE output END
       WHERE status IN ('queued', 'running') AND ${dead}`,
    ).run(now).changes;
    const experiments = prepared(db, `UPDATE experiment SET status = 'paused' WHERE status IN ('queued', 'running') AND ${dead}`).run().changes;
    return { runs, experiments };
  })();
}
