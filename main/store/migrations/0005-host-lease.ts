// Migration 5: host liveness. Each process holding the database (app, browser mode, CLI) keeps a
// lease row with a heartbeat; runs and experiments record the host that owns them, so that recovery
// at start-up touches only what dead hosts left behind (never a live CLI's run beside the app).
import type { Migration } from './migrate';

export const migration: Migration = {
  id: 5,
  name: 'host-lease',
  up: `
CREATE TABLE host_lease (
  host_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  pid INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  heartbeat_ms INTEGER NOT NULL  -- Unix milliseconds of the last heartbeat
) STRICT;
ALTER TABLE run ADD COLUMN host_id TEXT;
ALTER TABLE experiment ADD COLUMN host_id TEXT;
CREATE INDEX run_live ON run (status) WHERE status IN ('queued', 'running');
`,
};
