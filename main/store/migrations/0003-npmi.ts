// Migration 3: RICE calibration results (nPMI tables of a model's experts against thinking markers).
import type { Migration } from './migrate';

export const migration: Migration = {
  id: 3,
  name: 'npmi',
  up: `
CREATE TABLE npmi_table (
  id TEXT PRIMARY KEY,
  model_id TEXT NOT NULL,
  dataset_id TEXT,
  created_at TEXT NOT NULL,
  payload TEXT NOT NULL          -- JSON: NpmiTable without id, modelId, datasetId, createdAt
) STRICT;
CREATE INDEX npmi_table_model ON npmi_table (model_id, created_at);
`,
};
