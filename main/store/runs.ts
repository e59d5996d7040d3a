// Runs repository: a run's life in the `run` table (queued -> running -> finished), reading it back
// as a RunRecord, the Runs list with search and filters, deletion, and recovery of runs a previous
// process left unfinished. Trace events are in trace.ts.
import type BetterSqlite3 from 'better-sqlite3';
import type { ErrorPayload } from '@app/errors';
import { WorkbenchError } from '@app/errors';
import type { MethodConfig } from '@app/methods';
import type { HostSetup, Prompt, RunMetrics, RunRecord, RunRequest, RunStatus, RunSummary } from '@app/runs';
import { RunFilter, RunSetup } from '@app/runs';
import { fromJson, toJson } from './json';
import { prepared } from './statements';
import { outputFromTokens } from './trace';

/** A row of the `run` table as better-sqlite3 returns it. */
export interface RunRow {
  id: string;
  created_at: string;
  finished_at: string | null;
  status: string;
  method: string;
  models: string;
  config: string;
  prompt: string;
  prompt_text: string | null;
  prompt_preview: string;
  prompt_tokens: number | null;
  output: string;
  answer: string | null;
  correct: number | null;
  metrics: string | null;
  error: string | null;
  dataset_item_id: string | null;
  experiment_id: string | null;
  arm_id: string | null;
  config_label: string | null;
  sample_index: number | null;
  seed: number;
  tags: string;
  setup: string;
}

export interface NewRun {
  id: string;
  request: RunRequest;
  createdAt: string;
  seed: number;
  /** Model ids involved, in role order. */
  models: string[];
  status?: Extract<RunStatus, 'queued' | 'running'>;
  /** What the host resolved for the run (recorded in its setup, not its config). */
  setup?: HostSetup;
}

export interface RunStart {
  promptText: string;
  promptTokens: number;
  /** What the engine reports at start; merged over what the host recorded at creation. */
  setup: Partial<RunSetup>;
}

export interface RunEnd {
  status: Exclude<RunStatus, 'queued' | 'running'>;
  output: string;
  metrics: RunMetrics | null;
  error: ErrorPayload | null;
  answer?: string | null;
  correct?: boolean | null;
  /** Defaults to now. */
  finishedAt?: string;
}

const PREVIEW_CHARS = 200;

/** The text a list shows for a prompt: the (last) user message or the text, whitespace collapsed, 200 characters. */
export function promptPreview(prompt: Prompt): string {
  let text: string;
  if (prompt.kind === 'chat') {
    const user = prompt.messages.findLast((m) => m.role === 'user');
    text = (user ?? prompt.messages[0]!).content;
  } else {
    text = prompt.text;
  }
  const collapsed = text.slice(0, PREVIEW_CHARS * 4).replace(/\s+/g, ' ').trim();
  // Cut at a code point boundary so a preview never ends in half a surrogate pair.
  return Array.from(collapsed).slice(0, PREVIEW_CHARS).join('');
}

/** Inserts a new run (queued by default) for a request; the request's links and tags are kept. */
export function createRun(db: BetterSqlite3.Database, run: NewRun): RunRecord {
  const { request } = run;
  prepared(
    db,
    `INSERT INTO run (id, created_at, status, method, models, config, prompt, prompt_preview, seed,
       dataset_item_id, experiment_id, arm_id, config_label, sample_index, tags, setup)
     VALUES (@id, @createdAt, @status, @method, @models, @config, @prompt, @preview, @seed,
       @datasetItemId, @experimentId, @armId, @configLabel, @sampleIndex, @tags, @setup)`,
  ).run({
    id: run.id,
    createdAt: run.createdAt,
    status: run.status ?? 'queued',
    method: request.config.method,
    models: toJson(run.models),
    config: toJson(request.config),
    prompt: toJson(request.prompt),
    preview: promptPreview(request.prompt),
    seed: run.seed,
    datasetItemId: request.datasetItemId ?? null,
    experimentId: request.experimentId ?? null,
    armId: request.armId ?? null,
    configLabel: request.configLabel ?? null,
    sampleIndex: request.sampleIndex ?? null,
    tags: toJson(request.tags),
    setup: toJson({ fingerprints: {}, ...run.setup }),
  });
  return getRun(db, run.id);
}

/**
 * Moves a queued run to running with what the engine reported at start. Returns false (and changes
 * nothing) when the run is no longer queued, e.g. it was cancelled before the engine started it.
 */
export function markRunning(db: BetterSqlite3.Database, id: string, start: RunStart): boolean {
  const info = prepared(
    db,
    `UPDATE run SET status = 'running', prompt_text = ?, prompt_tokens = ?, setup = json_patch(setup, ?) WHERE id = ? AND status = 'queued'`,
  ).run(start.promptText, start.promptTokens, toJson(start.setup), id);
  if (info.changes === 0) requireRun(db, id);
  return info.changes > 0;
}

/** Records how a run ended: final status, output, metrics, error and (when graded) answer and correctness. */
export function finishRun(db: BetterSqlite3.Database, id: string, end: RunEnd): void {
  const info = prepared(
    db,
    `UPDATE run SET status = ?, finished_at = ?, output = ?, metrics = ?, error = ?, answer = ?, correct = ? WHERE id = ?`,
  ).run(
    end.status,
    end.finishedAt ?? new Date().toISOString(),
    end.output,
    end.metrics ? toJson(end.metrics) : null,
    end.error ? toJson(end.error) : null,
    end.answer ?? null,
    end.correct == null ? null : end.correct ? 1 : 0,
    id,
  );
  if (info.changes === 0) throw notFound(id);
}

/** The full record of a run. Throws `not_found` when there is none. */
export function getRun(db: BetterSqlite3.Database, id: string): RunRecord {
  const row = prepared(db, 'SELECT * FROM run WHERE id = ?').get(id) as RunRow | undefined;
  if (!row) throw notFound(id);
  return runRecordFromRow(db, row);
}

/** Turns a `run` row into a RunRecord; an interrupted run without output gets its tokens' text. */
export function runRecordFromRow(db: BetterSqlite3.Database, r: RunRow): RunRecord {
  return {
    id: r.id,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    status: r.status as RunStatus,
    method: r.method,
    models: JSON.parse(r.models) as string[],
    config: JSON.parse(r.config) as MethodConfig,
    prompt: JSON.parse(r.prompt) as Prompt,
    promptText: r.prompt_text,
    output: outputOf(db, r),
    answer: r.answer,
    correct: r.correct === null ? null : r.correct === 1,
    metrics: fromJson<RunMetrics>(r.metrics),
    error: fromJson<ErrorPayload>(r.error),
    datasetItemId: r.dataset_item_id,
    experimentId: r.experiment_id,
    armId: r.arm_id,
    configLabel: r.config_label,
    sampleIndex: r.sample_index,
    seed: r.seed,
    tags: JSON.parse(r.tags) as string[],
    setup: setupOf(r.setup),
  };
}

/** A stored setup; one that does not parse (never expected) reads as empty rather than failing the whole record. */
function setupOf(json: string): RunSetup {
  const parsed = RunSetup.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : { fingerprints: {} };
}

function outputOf(db: BetterSqlite3.Database, r: Pick<RunRow, 'id' | 'status' | 'output'>): string {
  return r.status === 'interrupted' && r.output === '' ? outputFromTokens(db, r.id) : r.output;
}

type SummaryRow = Pick<
  RunRow,
  'id' | 'created_at' | 'finished_at' | 'status' | 'method' | 'models' | 'output' | 'correct' | 'metrics' | 'error' | 'experiment_id' | 'arm_id' | 'config_label' | 'tags' | 'prompt_preview'
>;

/** Escapes LIKE wildcards so a search matches the typed text literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The Runs list: newest first, with a case-insensitive substring search over id, prompt preview,
 * output, tags and config label, and filters by models (any of), methods, statuses and experiment.
 * Empty filter arrays filter nothing. `total` counts every match, not just the page.
 */
export function listRuns(db: BetterSqlite3.Database, filter: Partial<RunFilter> = {}): { runs: RunSummary[]; total: number } {
  const f = RunFilter.parse(filter);
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const search = f.search?.trim();
  if (search) {
    // LIKE folds ASCII case only; non-ASCII letters match case-sensitively.
    params.search = likePattern(search);
    where.push(
      `(id LIKE @search ESCAPE '\\' OR prompt_preview LIKE @search ESCAPE '\\' OR output LIKE @search ESCAPE '\\'
        OR tags LIKE @search ESCAPE '\\' OR config_label LIKE @search ESCAPE '\\')`,
    );
  }
  if (f.models?.length) {
    params.models = toJson(f.models);
    where.push('EXISTS (SELECT 1 FROM json_each(run.models) m WHERE m.value IN (SELECT value FROM json_each(@models)))');
  }
  if (f.methods?.length) {
    params.methods = toJson(f.methods);
    where.push('method IN (SELECT value FROM json_each(@methods))');
  }
  if (f.statuses?.length) {
    params.statuses = toJson(f.statuses);
    where.push('status IN (SELECT value FROM json_each(@statuses))');
  }
  if (f.experimentId !== undefined) {
    params.experimentId = f.experimentId;
    where.push('experiment_id = @experimentId');
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = prepared(db, `SELECT count(*) FROM run ${clause}`).pluck().get(params) as number;
  const rows = prepared(
    db,
    `SELECT id, created_at, finished_at, status, method, models, output, correct, metrics, error, experiment_id, arm_id, config_label, tags, prompt_preview
     FROM run ${clause} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: f.limit, offset: f.offset }) as SummaryRow[];
  const runs = rows.map(
    (r): RunSummary => ({
      id: r.id,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
      status: r.status as RunStatus,
      method: r.method,
      models: JSON.parse(r.models) as string[],
      output: outputOf(db, r),
      correct: r.correct === null ? null : r.correct === 1,
      metrics: fromJson<RunMetrics>(r.metrics),
      error: fromJson<ErrorPayload>(r.error),
      experimentId: r.experiment_id,
      armId: r.arm_id,
      configLabel: r.config_label,
      tags: JSON.parse(r.tags) as string[],
      promptPreview: r.prompt_preview,
    }),
  );
  return { runs, total };
}

/** Deletes runs with their traces, in one transaction. Returns how many existed. */
export function deleteRuns(db: BetterSqlite3.Database, ids: readonly string[]): number {
  const del = prepared(db, 'DELETE FROM run WHERE id = ?');
  return db.transaction(() => {
    let deleted = 0;
    for (const id of new Set(ids)) deleted += del.run(id).changes;
    return deleted;
  })();
}

/**
 * Marks every run left `queued` or `running` as `interrupted`, finished now, with its output rebuilt
 * from its recorded tokens. Called when a database is opened, before any run of this process exists.
 * Returns how many runs it marked.
 */
export function recoverInterruptedRuns(db: BetterSqlite3.Database, now: string): number {
  return db
    .prepare(
      `UPDATE run SET status = 'interrupted', finished_at = ?,
         output = CASE WHEN output = '' THEN
           coalesce((SELECT group_concat(t.text, '' ORDER BY t.idx) FROM run_token t WHERE t.run_id = run.id), '')
           ELSE output END
       WHERE status IN ('queued', 'running')`,
    )
    .run(now).changes;
}

function requireRun(db: BetterSqlite3.Database, id: string): void {
  if (!prepared(db, 'SELECT 1 FROM run WHERE id = ?').get(id)) throw notFound(id);
}

function notFound(id: string): WorkbenchError {
  return new WorkbenchError('not_found', `No run with id "${id}"`, { id });
}
