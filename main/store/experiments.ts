// Experiments repository: an experiment's spec, status and progress (done / total), the runs it made
// (for the results matrix), and deletion with or without its runs.
import type BetterSqlite3 from 'better-sqlite3';
import { WorkbenchError } from '@app/errors';
import type { Experiment, ExperimentSpec, ExperimentStatus } from '@app/experiments';
import type { Prompt, RunMetrics, RunStatus } from '@app/runs';
import { fromJson, toJson } from './json';
import { prepared } from './statements';

export interface NewExperiment {
  id: string;
  spec: ExperimentSpec;
  /** Runs the experiment will make (items x arms x samples). */
  total: number;
  createdAt?: string;
  status?: ExperimentStatus;
}

/** What the results matrix needs of each run of an experiment. */
export interface ExperimentRun {
  id: string;
  createdAt: string;
  finishedAt: string | null;
  datasetItemId: string | null;
  armId: string | null;
  configLabel: string | null;
  sampleIndex: number | null;
  status: RunStatus;
  correct: boolean | null;
  answer: string | null;
  metrics: RunMetrics | null;
}

interface ExperimentRow {
  id: string;
  created_at: string;
  status: string;
  spec: string;
  done: number;
  total: number;
}

/** Inserts an experiment, queued with nothing done unless told otherwise. */
export function createExperiment(db: BetterSqlite3.Database, input: NewExperiment): Experiment {
  prepared(db, 'INSERT INTO experiment (id, created_at, status, spec, done, total) VALUES (?, ?, ?, ?, 0, ?)').run(
    input.id,
    input.createdAt ?? new Date().toISOString(),
    input.status ?? 'queued',
    toJson(input.spec),
    input.total,
  );
  return getExperiment(db, input.id);
}

/** Every experiment, newest first. */
export function listExperiments(db: BetterSqlite3.Database): Experiment[] {
  return (prepared(db, 'SELECT * FROM experiment ORDER BY created_at DESC, id').all() as ExperimentRow[]).map(experimentFromRow);
}

/** One experiment. Throws `not_found` when there is none. */
export function getExperiment(db: BetterSqlite3.Database, id: string): Experiment {
  const row = prepared(db, 'SELECT * FROM experiment WHERE id = ?').get(id) as ExperimentRow | undefined;
  if (!row) throw notFound(id);
  return experimentFromRow(row);
}

/** Sets any of status, done and total; returns the updated experiment. Throws `not_found` when there is none. */
export function updateExperiment(
  db: BetterSqlite3.Database,
  id: string,
  patch: { status?: ExperimentStatus; done?: number; total?: number },
): Experiment {
  const info = prepared(
    db,
    'UPDATE experiment SET status = coalesce(?, status), done = coalesce(?, done), total = coalesce(?, total) WHERE id = ?',
  ).run(patch.status ?? null, patch.done ?? null, patch.total ?? null, id);
  if (info.changes === 0) throw notFound(id);
  return getExperiment(db, id);
}

/** The runs of an experiment, oldest first. Throws `not_found` for an unknown experiment. */
export function experimentRuns(db: BetterSqlite3.Database, id: string): ExperimentRun[] {
  getExperiment(db, id);
  const rows = prepared(
    db,
    `SELECT id, created_at, finished_at, dataset_item_id, arm_id, config_label, sample_index, status, correct, answer, metrics
     FROM run WHERE experiment_id = ? ORDER BY created_at, id`,
  ).all(id) as {
    id: string;
    created_at: string;
    finished_at: string | null;
    dataset_item_id: string | null;
    arm_id: string | null;
    config_label: string | null;
    sample_index: number | null;
    status: string;
    correct: number | null;
    answer: string | null;
    metrics: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    datasetItemId: r.dataset_item_id,
    armId: r.arm_id,
    configLabel: r.config_label,
    sampleIndex: r.sample_index,
    status: r.status as RunStatus,
    correct: r.correct === null ? null : r.correct === 1,
    answer: r.answer,
    metrics: fromJson<RunMetrics>(r.metrics),
  }));
}

/**
 * Deletes an experiment. Its runs (with their traces) go too unless `keepRuns`, which keeps them as
 * standalone runs (experiment id cleared). One transaction. Throws `not_found` when there is none.
 */
export function deleteExperiment(db: BetterSqlite3.Database, id: string, options: { keepRuns?: boolean } = {}): void {
  db.transaction(() => {
    if (!options.keepRuns) prepared(db, 'DELETE FROM run WHERE experiment_id = ?').run(id);
    if (prepared(db, 'DELETE FROM experiment WHERE id = ?').run(id).changes === 0) throw notFound(id);
  })();
}

function experimentFromRow(r: ExperimentRow): Experiment {
  return {
    id: r.id,
    createdAt: r.created_at,
    status: r.status as ExperimentStatus,
    spec: JSON.parse(r.spec) as ExperimentSpec,
    done: r.done,
    total: r.total,
  };
}

function notFound(id: string): WorkbenchError {
  return new WorkbenchError('not_found', `No experiment with id "${id}"`, { id });
}

/**
 * The prompt each item of an experiment was asked with (its first run's, oldest first): what the
 * experiment shows of its questions once their dataset is deleted (a run outlives its dataset).
 */
export function experimentItemPrompts(db: BetterSqlite3.Database, experimentId: string): { itemId: string; prompt: Prompt }[] {
  // SQLite takes a bare column of a MIN() aggregate from the row holding the minimum: the first run's prompt.
  const rows = prepared(
    db,
    `SELECT dataset_item_id, prompt, MIN(created_at) AS first_at FROM run
     WHERE experiment_id = ? AND dataset_item_id IS NOT NULL
     GROUP BY dataset_item_id ORDER BY first_at, dataset_item_id`,
  ).all(experimentId) as { dataset_item_id: string; prompt: string }[];
  return rows.map((r) => ({ itemId: r.dataset_item_id, prompt: JSON.parse(r.prompt) as Prompt }));
}

/** Per run of an experiment: its seed, recorded setup (JSON text) and error code, for planning what is left to do. */
export function experimentRunExtras(db: BetterSqlite3.Database, experimentId: string): { id: string; seed: number; setup: string; error_code: string | null }[] {
  return prepared(db, "SELECT id, seed, setup, json_extract(error, '$.code') AS error_code FROM run WHERE experiment_id = ?").all(experimentId) as {
    id: string;
    seed: number;
    setup: string;
    error_code: string | null;
  }[];
}
