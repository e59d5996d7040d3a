// Migration 1: the catalog and the hot run table (models, datasets and their items, experiments, runs).
// Trace payloads are not here: they live in run_token / run_event (migration 2).
import type { Migration } from './migrate';

export const migration: Migration = {
  id: 1,
  name: 'initial',
  up: `
CREATE TABLE model (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  embedded INTEGER NOT NULL CHECK (embedded IN (0, 1)),
  info TEXT NOT NULL,            -- JSON: app/models.ts ModelInfo
  added_at TEXT NOT NULL
) STRICT;

CREATE TABLE dataset (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  version TEXT NOT NULL,         -- sha256 over the items, in order
  grading TEXT NOT NULL,         -- JSON: GradingSpec
  meta TEXT NOT NULL             -- JSON object
) STRICT;

CREATE TABLE dataset_item (
  id TEXT PRIMARY KEY,
  dataset_id TEXT NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  external_id TEXT,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  metadata TEXT NOT NULL,        -- JSON object
  UNIQUE (dataset_id, idx)
) STRICT;

CREATE TABLE experiment (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL,
  spec TEXT NOT NULL,            -- JSON: ExperimentSpec
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX experiment_created_at ON experiment (created_at);

CREATE TABLE run (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  method TEXT NOT NULL,
  models TEXT NOT NULL,          -- JSON array of model ids, in role order
  config TEXT NOT NULL,          -- JSON: MethodConfig
  prompt TEXT NOT NULL,          -- JSON: Prompt
  prompt_text TEXT,              -- rendered prompt (after the chat template), set when the run starts
  prompt_preview TEXT NOT NULL,  -- first 200 characters of the question, for lists and search
  prompt_tokens INTEGER,
  output TEXT NOT NULL DEFAULT '',
  answer TEXT,
  correct INTEGER CHECK (correct IN (0, 1)),
  metrics TEXT,                  -- JSON: RunMetrics
  error TEXT,                    -- JSON: ErrorPayload
  dataset_item_id TEXT,          -- no foreign key: a run outlives the dataset it came from
  experiment_id TEXT REFERENCES experiment(id) ON DELETE SET NULL,
  config_label TEXT,
  sample_index INTEGER,
  seed INTEGER NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
  setup TEXT NOT NULL DEFAULT '{}'   -- JSON object: model fingerprints, engine version
) STRICT;
CREATE INDEX run_created_at ON run (created_at, id);
CREATE INDEX run_method ON run (method);
CREATE INDEX run_status ON run (status);
CREATE INDEX run_experiment ON run (experiment_id, created_at, id);
CREATE INDEX run_dataset_item ON run (dataset_item_id);
`,
};
