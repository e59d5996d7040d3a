// Runs from request to record: each request becomes a queued run in the store, runs go to the engine
// one at a time (they share the CPU/GPU; interleaving would only distort timings), every trace event
// is written to the store as it arrives and forwarded to subscribers, and the end is recorded with
// metrics and, for dataset items, the graded answer. If the engine dies mid-run, the run is closed as
// failed with engine_crashed and everything recorded before stays readable. A store error while a run
// streams (disk full, the run deleted under it, NaN logits the store refuses) fails only that run: the
// engine is asked to stop it, the error is recorded where the database still allows, and the host goes
// on answering. Trace rows are committed in small groups (TRACE_GROUP), not one commit per token.
import type { ErrorPayload } from '@app/errors';
import { WorkbenchError, toErrorPayload } from '@app/errors';
import { modelIdsOf } from '@app/methods';
import type { HostSetup, RunRecord, RunRequest } from '@app/runs';
import { gradeOutput } from '@app/tasks/grader';
import type { Database, TraceGrouping } from '../../store';
import { TraceWriter, claimRun, createRun, deleteRuns, finishRun, getRun, markRunning, outputFromTokens } from '../../store';
import type { EngineClient } from '../engine-client';
import type { EventHub } from '../event-hub';
import { hostSetupFor, referenceFromExpected, referenceOf } from './host-setup';
import { newId } from '../ids';
import type { ModelRegistry } from '../models/model-registry';
import type { EngineMessage } from '../../engine/protocol';

/** Trace rows per commit, and the longest a row waits for its group (a crash loses at most this group). */
export const TRACE_GROUP: Omit<TraceGrouping, 'onError'> = { count: 64, ms: 250 };

interface Queued {
  runId: string;
  request: RunRequest;
  /** What the host resolved for the run; recorded in its setup and passed to the engine. */
  setup: HostSetup;
}

interface Active extends Queued {
  writer: TraceWriter;
  /** Set when the store refused part of this run: later engine messages are dropped, the run ends failed with it. */
  fault: ErrorPayload | null;
  /** The run's rows were deleted while it ran: nothing more is written for it. */
  deleted: boolean;
}

type RunEnd = { status: 'completed' | 'cancelled' | 'failed' | 'interrupted'; output: string; metrics: RunRecord['metrics']; error: ErrorPayload | null; answer?: string | null; correct?: boolean | null };

/** A store error as a payload a user can act on (the SQLite code says what the database refused). */
export function storeErrorPayload(err: unknown, runId: string): ErrorPayload {
  if (err instanceof WorkbenchError) return err.toPayload();
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const why = code === 'SQLITE_FULL' ? 'the disk is full' : code.startsWith('SQLITE_CONSTRAINT') ? 'the run was changed or deleted while it ran' : `the database failed (${code})`;
    return { code: 'store_failed', message: `run ${runId} stopped: ${why}: ${message}; everything recorded before is kept`, details: { sqlite: code } };
  }
  return toErrorPayload(err);
}

export class RunManager {
  private queue: Queued[] = [];
  private active: Active | null = null;
  private waiters = new Map<string, ((r: RunRecord) => void)[]>();
  /** Ends of runs that the database refused to record (disk full), retried at each later end. */
  private lateEnds = new Map<string, RunEnd>();
  /** Set by interruptAll: nothing more is recorded or scheduled. */
  private closing = false;

  constructor(
    private readonly db: Database,
    private readonly engine: EngineClient,
    private readonly hub: EventHub,
    private readonly models: ModelRegistry,
    /** This host's lease id: the runs it starts are recorded as its own (see store/leases.ts). */
    private readonly hostId: string | null = null,
  ) {
    engine.onMessage((m) => this.onEngineMessage(m));
    engine.onCrash((reason) => this.onEngineCrash(reason));
  }

  /** Records a queued run and schedules it; returns its id at once. */
  start(input: RunRequest): string {
    // Refuse unknown models before anything is recorded.
    const models = modelIdsOf(input.config);
    for (const id of models) this.models.get(id);
    const request = input;
    const setup = hostSetupFor(this.db, request.config, request);
    const runId = newId('run');
    // One transaction: another host's recovery never sees this run without its owner.
    this.db.transaction(() => {
      createRun(this.db, { id: runId, request, createdAt: new Date().toISOString(), seed: request.config.sampling.seed, models, status: 'queued', setup });
      if (this.hostId) claimRun(this.db, runId, this.hostId);
    })();
    this.queue.push({ runId, request, setup });
    queueMicrotask(() => void this.pump());
    return runId;
  }

  /** Cancels a queued run at once, or asks the engine to stop a running one at its next token. */
  async cancel(runId: string): Promise<void> {
    const queued = this.queue.findIndex((q) => q.runId === runId);
    if (queued >= 0) {
      const { request } = this.queue.splice(queued, 1)[0]!;
      this.close(runId, { status: 'cancelled', output: '', metrics: null, error: null }, { request, deleted: false });
      return;
    }
    if (this.active?.runId === runId) {
      await this.engine.call({ type: 'cancel', runId });
      return;
    }
    const run = getRun(this.db, runId);
    if (run.status === 'queued' || run.status === 'running') throw new WorkbenchError('not_found', `run ${runId} is not in this session's queue`);
  }

  /** Resolves with the run's final record once it ends (at once if it already has). */
  finished(runId: string): Promise<RunRecord> {
    const run = getRun(this.db, runId);
    if (!['queued', 'running'].includes(run.status)) return Promise.resolve(run);
    return new Promise((resolve) => {
      const list = this.waiters.get(runId) ?? [];
      list.push(resolve);
      this.waiters.set(runId, list);
    });
  }

  get pending(): number {
    return this.queue.length + (this.active ? 1 : 0);
  }

  private async pump(): Promise<void> {
    if (this.closing || this.active || this.queue.length === 0) return;
    this.recordLateEnds();
    const { runId, request, setup } = this.queue.shift()!;
    let writer: TraceWriter;
    try {
      writer = new TraceWriter(this.db, runId, { ...TRACE_GROUP, onError: (err) => this.fault(active, err) });
    } catch (err) {
      this.close(runId, { status: 'failed', output: '', metrics: null, error: storeErrorPayload(err, runId) }, { request, deleted: false });
      return void this.pump();
    }
    const active: Active = { runId, request, setup, writer, fault: null, deleted: false };
    this.active = active;
    try {
      const models = this.models.paths(request.config);
      await this.engine.call({ type: 'run', runId, request, models, dtypes: this.models.dtypes(request.config), setup });
    } catch (err) {
      // Failures inside a run arrive as run.finished; here only the ones before it started.
      if (this.active === active) this.close(runId, { status: 'failed', output: '', metrics: null, error: toErrorPayload(err) }, active);
    }
    if (this.active?.runId === runId) this.active = null;
    void this.pump();
  }

  /**
   * On the way out (SIGTERM, window closed): the running and queued runs of this session are marked
   * interrupted now, with the tokens recorded so far, instead of staying "running" until a later start.
   */
  interruptAll(reason: string): void {
    this.closing = true;
    const active = this.active;
    this.active = null;
    const ends = [...(active ? [active] : []), ...this.queue.map((q) => ({ runId: q.runId, request: q.request, writer: null }))];
    this.queue = [];
    for (const a of ends) {
      try {
        a.writer?.flush();
      } catch {
        // the group in flight is lost; what was committed stays
      }
      let output = '';
      try {
        output = outputFromTokens(this.db, a.runId);
      } catch {
        // keep an empty output
      }
      this.close(a.runId, { status: 'interrupted', output, metrics: null, error: { code: 'cancelled', message: `the host stopped during this run (${reason}); the tokens recorded before are kept` } }, { request: a.request, deleted: false });
    }
  }

  private onEngineMessage(m: EngineMessage): void {
    if (this.closing) return;
    const active = this.active;
    if (!active || !('runId' in m) || m.runId !== active.runId) return;
    if (m.type === 'run.finished') {
      this.active = null;
      if (active.deleted) return this.close(active.runId, { status: 'cancelled', output: m.output, metrics: m.metrics, error: null }, active);
      this.flushQuietly(active);
      if (active.fault) return this.close(m.runId, { status: 'failed', output: m.output, metrics: m.metrics, error: active.fault }, active);
      const graded = this.grade(active.request, m.output);
      this.close(m.runId, { status: m.status, output: m.output, metrics: m.metrics, error: m.error, ...graded }, active);
      return;
    }
    if (active.fault || active.deleted) return;
    try {
      if (m.type === 'run.started') {
        markRunning(this.db, m.runId, { promptText: m.promptText, promptTokens: m.promptTokens, setup: m.setup });
        this.hub.emit('run.started', { runId: m.runId, request: active.request, promptTokens: m.promptTokens });
      } else if (m.type === 'run.event') {
        active.writer.append(m.event);
        this.hub.traceEvent(m.runId, m.event);
      }
    } catch (err) {
      this.fault(active, err);
    }
  }

  /** The store refused part of a running run: stop it in the engine; it ends failed with the reason. */
  private fault(active: Active, err: unknown): void {
    if (active.fault || active.deleted) return;
    active.fault = storeErrorPayload(err, active.runId);
    console.error(`run ${active.runId}: ${active.fault.message}`);
    this.engine.call({ type: 'cancel', runId: active.runId }).catch(() => undefined);
  }

  private flushQuietly(active: Active): void {
    try {
      active.writer.flush();
    } catch (err) {
      this.fault(active, err);
    }
  }

  /**
   * Deletes runs with their traces. A queued run of this session leaves the queue first; the running
   * one is stopped in the engine, and nothing more is written for it.
   */
  delete(ids: readonly string[]): number {
    for (const id of new Set(ids)) {
      const queued = this.queue.findIndex((q) => q.runId === id);
      if (queued >= 0) {
        const { request } = this.queue.splice(queued, 1)[0]!;
        this.notify(id, this.synthetic(id, request, { status: 'cancelled', output: '', metrics: null, error: null }));
      }
      const active = this.active;
      if (active?.runId === id && !active.deleted) {
        active.deleted = true;
        active.writer.discard();
        this.engine.call({ type: 'cancel', runId: id }).catch(() => undefined);
      }
    }
    return deleteRuns(this.db, ids);
  }

  private onEngineCrash(reason: string): void {
    if (this.closing) return;
    const active = this.active;
    if (!active) return;
    this.active = null;
    if (!active.deleted) this.flushQuietly(active);
    let output = '';
    try {
      output = outputFromTokens(this.db, active.runId);
    } catch {
      // the database refuses reads too: the record keeps an empty output
    }
    this.close(active.runId, {
      status: 'failed',
      output,
      metrics: null,
      error: { code: 'engine_crashed', message: `the engine process stopped during this run (${reason}); the tokens recorded before are kept` },
    }, active);
    void this.pump();
  }

  private grade(request: RunRequest, output: string): { answer: string | null; correct: boolean | null } {
    if (!request.datasetItemId) {
      // A run with a reference of its own (a Playground example) is graded like a dataset item of that kind.
      if (!request.expected) return { answer: null, correct: null };
      const reference = referenceFromExpected(request.expected);
      return gradeOutput(output, reference.answer, reference.grading);
    }
    try {
      const reference = referenceOf(this.db, request.datasetItemId);
      if (!reference) return { answer: null, correct: null };
      return gradeOutput(output, reference.answer, reference.grading);
    } catch {
      return { answer: null, correct: null };
    }
  }

  /**
   * Records how a run ended and tells its waiters and subscribers. Never throws: where the store
   * refuses (disk full, run deleted), the record is rebuilt from the request so waiters still resolve.
   */
  private close(runId: string, end: RunEnd, active?: Pick<Active, 'request' | 'deleted'>): void {
    this.recordLateEnds();
    let record: RunRecord;
    try {
      if (active?.deleted) throw new WorkbenchError('not_found', `run ${runId} was deleted while it ran`);
      try {
        finishRun(this.db, runId, end);
      } catch (err) {
        // A full disk: the end is written once the database takes writes again (or the next start marks the run interrupted).
        if ((err as { code?: string }).code === 'SQLITE_FULL' || (err as { code?: string }).code === 'SQLITE_IOERR') this.lateEnds.set(runId, end);
        throw err;
      }
      record = getRun(this.db, runId); // output rebuilt from tokens when the engine could not send it
    } catch (err) {
      if (!active?.deleted) console.error(`run ${runId}: its end could not be recorded: ${(err as Error).message}`);
      const request = active?.request;
      if (!request) {
        this.waiters.delete(runId);
        return;
      }
      record = this.synthetic(runId, request, end);
    }
    this.notify(runId, record);
  }

  /** Retries the ends that a full database refused. */
  private recordLateEnds(): void {
    for (const [runId, end] of this.lateEnds) {
      try {
        finishRun(this.db, runId, end);
        this.lateEnds.delete(runId);
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_FULL') this.lateEnds.delete(runId);
        return;
      }
    }
  }

  private notify(runId: string, record: RunRecord): void {
    this.hub.emit('run.finished', { runId, status: record.status, output: record.output, metrics: record.metrics, error: record.error });
    for (const w of this.waiters.get(runId) ?? []) w(record);
    this.waiters.delete(runId);
  }

  /** The record of a run whose row is gone or cannot be read: what the request and its end say. */
  private synthetic(runId: string, request: RunRequest, end: RunEnd): RunRecord {
    const now = new Date().toISOString();
    return {
      id: runId,
      createdAt: now,
      finishedAt: now,
      status: end.status,
      method: request.config.method,
      models: modelIdsOf(request.config),
      config: request.config,
      prompt: request.prompt,
      promptText: null,
      output: end.output,
      answer: end.answer ?? null,
      correct: end.correct ?? null,
      metrics: end.metrics,
      error: end.error,
      datasetItemId: request.datasetItemId ?? null,
      experimentId: request.experimentId ?? null,
      configLabel: request.configLabel ?? null,
      armId: request.armId ?? null,
      sampleIndex: request.sampleIndex ?? null,
      seed: request.config.sampling.seed,
      tags: request.tags,
      setup: { fingerprints: {} },
    };
  }
}
