// The experiment queue: an experiment (dataset items x arms x samples) becomes runs submitted to the
// RunManager one at a time, so pausing stops scheduling after the run in flight and other runs
// (the Playground's) interleave fairly. Progress goes to the hub as `experiment.progress`. Nothing
// about what is done is kept in memory only: a resume recomputes the missing cells from the store,
// so an experiment left running by a dead process (marked paused when the next host opens the
// database) continues without redoing finished runs.
import { aggregateArms } from '@app/analysis/aggregate';
import type { MeasuredCell } from '@app/analysis/cells';
import { cellKey, isSettled, pickCellRuns } from '@app/analysis/cells';
import { setupWarnings } from '@app/analysis/setup-warnings';
import type { Dataset } from '@app/datasets';
import { WorkbenchError } from '@app/errors';
import type { Experiment, ExperimentProgress, ExperimentResults, ExperimentSpec } from '@app/experiments';
import { modelIdsOf } from '@app/methods';
import type { RunRequest } from '@app/runs';
import type { Database } from '../../store';
import { claimExperiment, createExperiment, deleteExperiment, experimentOwnerAlive, getDataset, getExperiment, listExperiments, updateExperiment } from '../../store';
import type { EventHub } from '../event-hub';
import type { Cell, CellRun } from './experiments-plan';
import { cellCount, cellRuns, experimentCells, experimentItems, itemsFromRuns, MAX_EXPERIMENT_CELLS, settledKeys } from './experiments-plan';
import { newId } from '../ids';
import type { ModelRegistry } from '../models/model-registry';
import type { RunManager } from '../runs/run-manager';

/** Engine crashes in a row after which an experiment stops as failed instead of crashing on. */
const MAX_CONSECUTIVE_CRASHES = 3;
const MAX_SEED = 2 ** 31 - 1;

interface Active {
  id: string;
  runId: string | null;
  current: Cell | null;
  stop: 'pause' | 'cancel' | 'delete' | null;
  done: number;
  total: number;
  /** Wall milliseconds per finished cell, for the ETA (seeded from recorded runs on resume). */
  durations: number[];
}

export interface ExperimentManagerOptions {
  /**
   * Mark experiments left running or queued by a previous process as paused. Off where another live
   * process may own them (the CLI beside the app).
   */
  recover: boolean;
  /** This host's lease id: experiments it runs are recorded as its own, and one owned by a live host is never resumed here. */
  hostId?: string;
}

export class ExperimentManager {
  private order: string[] = [];
  private active: Active | null = null;
  private working = false;
  private stopWaiters = new Map<string, (() => void)[]>();

  constructor(
    private readonly db: Database,
    private readonly runs: RunManager,
    private readonly hub: EventHub,
    private readonly models: ModelRegistry,
    private readonly options: ExperimentManagerOptions,
  ) {
    if (options.recover) {
      for (const e of listExperiments(db)) if (e.status === 'running' || e.status === 'queued') updateExperiment(db, e.id, { status: 'paused' });
    }
  }

  list(): Experiment[] {
    return listExperiments(this.db);
  }

  get(id: string): Experiment {
    return getExperiment(this.db, id);
  }

  /**
   * Validates a spec (dataset and items exist, arm labels unique, at most one baseline (the first arm
   * when none is marked), models known, seeds in range), records the experiment with the dataset's
   * version, and queues it at once.
   */
  create(input: ExperimentSpec): Experiment {
    const dataset = getDataset(this.db, input.datasetId);
    const labels = new Set<string>();
    for (const arm of input.arms) {
      if (labels.has(arm.label)) throw new WorkbenchError('invalid_payload', `two arms are labelled "${arm.label}": labels name the matrix columns and must differ`);
      labels.add(arm.label);
    }
    const baselines = input.arms.filter((a) => a.baseline).length;
    if (baselines > 1) throw new WorkbenchError('invalid_payload', `${baselines} arms are marked baseline: mark one`);
    if (input.baseSeed + input.samplesPerItem - 1 > MAX_SEED) throw new WorkbenchError('invalid_payload', `baseSeed + samplesPerItem - 1 must stay at most ${MAX_SEED}`);
    const spec: ExperimentSpec = {
      ...input,
      arms: input.arms.map((a, i) => ({ ...a, baseline: baselines === 0 ? i === 0 : a.baseline })),
      datasetVersion: dataset.version,
    };
    this.checkModels(spec);
    const items = experimentItems(this.db, spec);
    const total = cellCount(spec, items.length);
    if (total > MAX_EXPERIMENT_CELLS) {
      throw new WorkbenchError('invalid_payload', `${items.length} items x ${spec.arms.length} arms x ${spec.samplesPerItem} samples is ${total.toLocaleString('en')} runs; one experiment may have at most ${MAX_EXPERIMENT_CELLS.toLocaleString('en')} (set an item limit, or fewer arms or samples)`);
    }
    // Recorded as paused, so that a failure between here and the queue leaves a resumable experiment.
    const experiment = createExperiment(this.db, { id: newId('exp'), spec, total, status: 'paused' });
    return this.start(experiment.id);
  }

  /**
   * Queues a paused, cancelled, failed or completed experiment to run its missing cells. One marked
   * running or queued that this process does not hold belongs to another process (or one that died
   * without pausing it): refused with `busy` unless `force`.
   */
  start(id: string, options: { force?: boolean } = {}): Experiment {
    const experiment = getExperiment(this.db, id);
    if (this.active?.id === id && (this.active.stop === 'pause' || this.active.stop === 'cancel')) {
      // Resumed while its last run is still in flight: keep scheduling instead of stopping.
      this.active.stop = null;
      const running = updateExperiment(this.db, id, { status: 'running' });
      this.emitProgress(id);
      return running;
    }
    if (this.holds(id)) return experiment;
    if (experiment.status === 'running' || experiment.status === 'queued') {
      // A live owner is running it now: resuming here too would record every cell twice.
      if (experimentOwnerAlive(this.db, id)) throw new WorkbenchError('busy', `experiment ${id} is being run by another live process (app, browser mode or CLI) on this database; pause it there first`);
      if (!options.force) throw new WorkbenchError('busy', `experiment ${id} is marked ${experiment.status} by another process (or one that stopped without pausing it); resume it with force`);
    }
    this.checkModels(experiment.spec);
    const queued = this.db.transaction(() => {
      if (this.options.hostId) claimExperiment(this.db, id, this.options.hostId);
      return updateExperiment(this.db, id, { status: 'queued' });
    })();
    this.order.push(id);
    this.emitProgress(id);
    if (!this.working) void this.work();
    return queued;
  }

  /** Stops scheduling: the run in flight finishes (or is cancelled with `cancelRun`) and counts. */
  async pause(id: string, options: { cancelRun?: boolean } = {}): Promise<Experiment> {
    const experiment = getExperiment(this.db, id);
    if (!this.holds(id)) return experiment;
    this.order = this.order.filter((o) => o !== id);
    if (this.active?.id === id) {
      this.active.stop = 'pause';
      if (options.cancelRun && this.active.runId) await this.runs.cancel(this.active.runId).catch(() => undefined);
    }
    const paused = updateExperiment(this.db, id, { status: 'paused' });
    this.emitProgress(id);
    if (this.active?.id !== id) this.notifyStopped(id);
    return paused;
  }

  /** Stops scheduling and cancels the run in flight (its cell is redone on a later resume). */
  async cancel(id: string): Promise<Experiment> {
    const experiment = getExperiment(this.db, id);
    if (experiment.status === 'completed') return experiment;
    this.order = this.order.filter((o) => o !== id);
    const runId = this.active?.id === id ? this.active.runId : null;
    if (this.active?.id === id) this.active.stop = 'cancel';
    const cancelled = updateExperiment(this.db, id, { status: 'cancelled' });
    if (runId) await this.runs.cancel(runId).catch(() => undefined);
    this.emitProgress(id);
    if (this.active?.id !== id) this.notifyStopped(id);
    return cancelled;
  }

  /** Deletes an experiment and its runs, after stopping it (waiting for its run in flight to end). */
  async delete(id: string): Promise<void> {
    getExperiment(this.db, id);
    this.order = this.order.filter((o) => o !== id);
    if (this.active?.id === id) {
      this.active.stop = 'delete';
      const stopped = this.whenStopped(id);
      if (this.active.runId) await this.runs.cancel(this.active.runId).catch(() => undefined);
      await stopped;
    }
    deleteExperiment(this.db, id);
  }

  /** Resolves once the experiment is neither running nor queued in this process. */
  whenStopped(id: string): Promise<void> {
    if (!this.holds(id)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.stopWaiters.get(id) ?? [];
      list.push(resolve);
      this.stopWaiters.set(id, list);
    });
  }

  /** Where an experiment stands now: done / total, the cell in flight and the ETA. */
  progress(id: string): ExperimentProgress {
    const experiment = getExperiment(this.db, id);
    const active = this.active?.id === id ? this.active : null;
    const done = active?.done ?? experiment.done;
    const total = active?.total ?? experiment.total;
    const mean = active && active.durations.length > 0 ? active.durations.reduce((a, b) => a + b, 0) / active.durations.length : null;
    return {
      experimentId: id,
      status: experiment.status,
      done,
      total,
      etaMs: mean === null ? null : Math.round(mean * Math.max(0, total - done)),
      current: active?.current ? { itemId: active.current.itemId, armId: active.current.arm, arm: labelOf(experiment.spec, active.current.arm), sample: active.current.sample } : null,
    };
  }

  /** The results matrix (one run per cell), per-arm aggregates and setup warnings. */
  results(id: string): ExperimentResults {
    const experiment = getExperiment(this.db, id);
    const { spec } = experiment;
    let dataset: Dataset | null;
    try {
      dataset = getDataset(this.db, spec.datasetId);
    } catch {
      dataset = null;
    }
    const picked = pickCellRuns(cellRuns(this.db, id));
    let items: ExperimentResults['items'];
    try {
      items = experimentItems(this.db, spec).map((i) => ({ id: i.id, question: i.question, answer: i.answer, metadata: i.metadata }));
    } catch {
      // The dataset was deleted (or emptied): the questions as the runs stored their prompts.
      items = itemsFromRuns(this.db, id, spec);
    }
    const cells: MeasuredCell[] = picked.map((r) => ({
      itemId: r.itemId,
      armId: r.arm,
      arm: labelOf(spec, r.arm),
      sample: r.sample,
      runId: r.id,
      status: r.status,
      correct: r.correct,
      answer: r.answer,
      latencyMs: r.metrics?.totalMs ?? null,
      newTokens: r.metrics?.newTokens ?? null,
      metrics: r.metrics,
    }));
    const arms = spec.arms.map((a) => ({ id: a.id, label: a.label, method: a.config.method, baseline: a.baseline }));
    const warnings = [
      ...setupWarnings({ arms: spec.arms, runs: picked.filter((r) => r.status === 'completed').map((r) => ({ ...r, arm: labelOf(spec, r.arm) })), dataset: { recorded: spec.datasetVersion, current: dataset?.version ?? null } }),
      ...failureWarnings(picked.map((r) => ({ ...r, arm: labelOf(spec, r.arm) }))),
    ];
    return {
      experiment: { ...experiment, ...(this.active?.id === id ? { done: this.active.done } : {}) },
      items,
      cells: cells.map(({ metrics: _metrics, ...cell }) => cell),
      aggregates: aggregateArms(arms, cells, spec.samplesPerItem),
      warnings,
      datasetDeleted: dataset === null,
    };
  }

  /** On host shutdown: experiments of this process stop and are left paused, to resume next time. */
  shutdown(): void {
    for (const id of [...this.order, ...(this.active ? [this.active.id] : [])]) {
      try {
        updateExperiment(this.db, id, { status: 'paused' });
      } catch {
        // deleted meanwhile
      }
    }
    this.order = [];
    if (this.active) this.active.stop = 'pause';
  }

  private holds(id: string): boolean {
    return this.order.includes(id) || this.active?.id === id;
  }

  /** Refuses, before anything runs, an arm naming a model this host does not know. */
  private checkModels(spec: ExperimentSpec): void {
    for (const arm of spec.arms) for (const model of modelIdsOf(arm.config)) this.models.get(model);
  }

  private async work(): Promise<void> {
    this.working = true;
    try {
      while (this.order.length > 0) {
        const id = this.order.shift()!;
        try {
          await this.execute(id);
        } catch (err) {
          // Unexpected (a store error): the experiment stops as failed, the queue goes on.
          console.error(`experiment ${id} failed:`, err);
          this.setStatus(id, 'failed');
        } finally {
          if (this.active?.id === id) this.active = null;
          this.emitProgress(id);
          this.notifyStopped(id);
        }
      }
    } finally {
      this.working = false;
    }
  }

  private async execute(id: string): Promise<void> {
    const experiment = getExperiment(this.db, id);
    if (experiment.status !== 'queued') return;
    const { spec } = experiment;
    let questions: Map<string, string>;
    let itemIds: string[];
    try {
      const items = experimentItems(this.db, spec);
      questions = new Map(items.map((i) => [i.id, i.question]));
      itemIds = items.map((i) => i.id);
    } catch (err) {
      console.error(`experiment ${id} cannot run: ${(err as Error).message}`);
      this.setStatus(id, 'failed');
      return;
    }
    const recorded = cellRuns(this.db, id);
    const settled = settledKeys(recorded);
    const total = cellCount(spec, itemIds.length);
    // Cells are walked lazily; the settled ones (bounded by the runs recorded) are skipped as they come.
    const armIds = new Set(spec.arms.map((a) => a.id));
    const inPlan = new Set<string>();
    for (const c of recorded) {
      const key = cellKey(c.itemId, c.arm, c.sample);
      if (settled.has(key) && questions.has(c.itemId) && armIds.has(c.arm) && c.sample < spec.samplesPerItem) inPlan.add(key);
    }
    const todo = (function* () {
      for (const c of experimentCells(spec, itemIds)) if (!settled.has(cellKey(c.itemId, c.arm, c.sample))) yield c;
    })();
    const active: Active = {
      id,
      runId: null,
      current: null,
      stop: null,
      done: inPlan.size,
      total,
      durations: seedDurations(recorded),
    };
    this.active = active;
    updateExperiment(this.db, id, { status: 'running', done: active.done, total: active.total });
    this.emitProgress(id);
    const arms = new Map(spec.arms.map((a) => [a.id, a]));
    let crashes = 0;
    let failed = false;
    for (const cell of todo) {
      if (active.stop) break;
      const arm = arms.get(cell.arm)!;
      const request: RunRequest = {
        prompt: { kind: 'text', text: questions.get(cell.itemId)! },
        config: { ...arm.config, sampling: { ...arm.config.sampling, seed: spec.baseSeed + cell.sample } },
        datasetItemId: cell.itemId,
        experimentId: id,
        armId: arm.id,
        configLabel: arm.label,
        sampleIndex: cell.sample,
        tags: ['experiment'],
      };
      const started = performance.now();
      let runId: string;
      try {
        runId = this.runs.start(request);
      } catch (err) {
        console.error(`experiment ${id}: a run could not start: ${(err as Error).message}`);
        failed = true;
        break;
      }
      active.runId = runId;
      active.current = cell;
      this.emitProgress(id);
      const record = await this.runs.finished(runId);
      active.runId = null;
      active.current = null;
      active.durations.push(performance.now() - started);
      if (isSettled(record.status, record.error?.code)) active.done++;
      crashes = record.error?.code === 'engine_crashed' ? crashes + 1 : 0;
      if (active.stop !== 'delete') updateExperiment(this.db, id, { done: active.done });
      if (crashes >= MAX_CONSECUTIVE_CRASHES) {
        failed = true;
        break;
      }
      this.emitProgress(id);
    }
    if (active.stop === 'delete') return;
    const status = active.stop === 'pause' ? 'paused' : active.stop === 'cancel' ? 'cancelled' : failed ? 'failed' : active.done === active.total ? 'completed' : 'paused';
    this.setStatus(id, status);
  }

  private setStatus(id: string, status: Experiment['status']): void {
    try {
      updateExperiment(this.db, id, { status });
    } catch {
      // deleted meanwhile
    }
  }

  private emitProgress(id: string): void {
    try {
      this.hub.emit('experiment.progress', this.progress(id));
    } catch {
      // deleted meanwhile: nothing to report
    }
  }

  private notifyStopped(id: string): void {
    if (this.holds(id)) return;
    for (const resolve of this.stopWaiters.get(id) ?? []) resolve();
    this.stopWaiters.delete(id);
  }
}

/** Wall time per cell of the runs already recorded (start to finish), so a resumed experiment has an ETA at once. */
function seedDurations(runs: readonly CellRun[]): number[] {
  return runs.flatMap((r) => (r.status === 'completed' && r.finishedAt ? [Date.parse(r.finishedAt) - Date.parse(r.createdAt)] : [])).filter((ms) => ms >= 0).slice(-50);
}

/** One warning per error code among the cells that failed, with the first message. */
function failureWarnings(runs: readonly CellRun[]): string[] {
  const byCode = new Map<string, { count: number; arms: Set<string> }>();
  for (const r of runs) {
    if (r.status !== 'failed') continue;
    const code = r.errorCode ?? 'internal';
    const entry = byCode.get(code) ?? { count: 0, arms: new Set<string>() };
    entry.count++;
    entry.arms.add(r.arm);
    byCode.set(code, entry);
  }
  return [...byCode].map(([code, e]) => `${e.count} run${e.count === 1 ? '' : 's'} failed with ${code} (arm${e.arms.size === 1 ? '' : 's'} ${[...e.arms].map((a) => `"${a}"`).join(', ')}): open one to see why.`);
}

/** The label of an arm by its id (the id itself for an arm no longer in the spec). */
function labelOf(spec: ExperimentSpec, armId: string): string {
  return spec.arms.find((a) => a.id === armId)?.label ?? armId;
}
