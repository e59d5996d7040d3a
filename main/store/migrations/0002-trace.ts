// Migration 2: trace storage. Tokens and all other trace events of a run, one row each, written as
// they arrive; both share the run's `seq` counter so the original order can be restored.
import type { Migration } from './migrate';

export const migration: Migration = {
  id: 2,
  name: 'trace',
  up: `
CREATE TABLE run_token (
  run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,          -- position among all trace events of the run
  idx INTEGER NOT NULL,          -- TokenEvent.index
  token_id INTEGER NOT NULL,
  text TEXT NOT NULL,
  logprob REAL NOT NULL,
  entropy REAL NOT NULL,
  source TEXT NOT NULL,
  t_ms REAL NOT NULL,
  extra TEXT,                    -- JSON {top: [[id, text, logprob], ...], rollingEntropy?, experts?} or NULL
  PRIMARY KEY (run_id, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE run_event (
  run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,            -- prefill, draft_round, switch, step, route, note
  token_index INTEGER,           -- the event's tokenIndex when it has one
  payload TEXT NOT NULL,         -- JSON: the event without its kind
  PRIMARY KEY (run_id, seq)
) STRICT, WITHOUT ROWID;
`,
};
