// Runs from request to record: each request becomes a queued run in the store, runs go to the engine
// one at a time (they share the CPU/GPU; interleaving would only distort timings), every trace event
// is written to the store as it arrives and forwarded to subscribers, and the end is recorded with
// metrics and, for dataset items, the graded answer. If the engine dies mid-run, the run is closed as
// failed with engine_crashed and everything recorded before stays readable.
import type { ErrorPayload } from '../../app/errors';
import { WorkbenchError, toErrorPayload } from '../../app/errors';
import { modelIdsOf } from '../../app/methods';
import type { HostSetup, RunRecord, RunRequest } from '../../app/runs';
import { gradeOutput } from '../../app/tasks/grader';
import { gradingSpecFor } from '../../app/tasks/problem';
import type { Database } from '../store/db';
import { getDataset, getDatasetItems } from '../store/datasets';
import { createRun, finishRun, getRun, markRunning } from '../store/runs';
import { TraceWriter, outputFromTokens } from '../store/trace';
import type { EngineClient } from './engine-client';
import type { EventHub } from './event-hub';
import { hostSetupFor } from './host-setup';
import { newId } from './ids';
import type { ModelRegistry } from './model-registry';
import type { EngineMessage } from '../engine/protocol';

interface Queued {
  runId: string;
  request: RunRequest;
  /** What the host resolved for the run; recorded in its setup and passed to the engine. */
  setup: HostSetup;
}

interface Active extends Queued {
  writer: TraceWriter;
}

export class RunManager {
  private queue: Queued[] = [];
  private active: Active | null = null;
  private waiters = new Map<string, ((r: RunRecord) => void)[]>();

  constructor(
    private readonly db: Database,
    private readonly engine: EngineClient,
    private readonly hub: EventHub,
    private readonly models: ModelRegistry,
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
    const setup = hostSetupFor(this.db, request.config);
    const runId = newId('run');
    createRun(this.db, { id: runId, request, createdAt: new Date().toISOString(), seed: request.config.sampling.seed, models, status: 'queued', setup });
    this.queue.push({ runId, request, setup });
    queueMicrotask(() => void this.pump());
    return runId;
  }

  /** Cancels a queued run at once, or asks the engine to stop a running one at its next token. */
  async cancel(runId: string): Promise<void> {
    const queued = this.queue.findIndex((q) => q.runId === runId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.close(runId, { status: 'cancelled', output: '', metrics: null, error: null });
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
    if (this.active || this.queue.length === 0) return;
    const { runId, request, setup } = this.queue.shift()!;
    this.active = { runId, request, setup, writer: new TraceWriter(this.db, runId) };
    try {
      const models = this.models.paths(request.config);
      await this.engine.call({ type: 'run', runId, request, models, setup });
    } catch (err) {
      // Failures inside a run arrive as run.finished; here only the ones before it started.
      if (this.active?.runId === runId) this.close(runId, { status: 'failed', output: '', metrics: null, error: toErrorPayload(err) });
    }
    if (this.active?.runId === runId) this.active = null;
    void this.pump();
  }

  private onEngineMessage(m: EngineMessage): void {
    const active = this.active;
    if (!active || !('runId' in m) || m.runId !== active.runId) return;
    if (m.type === 'run.started') {
      markRunning(this.db, m.runId, { promptText: m.promptText, promptTokens: m.promptTokens, setup: m.setup });
      this.hub.emit('run.started', { runId: m.runId, request: active.request, promptTokens: m.promptTokens });
    } else if (m.type === 'run.event') {
      active.writer.append(m.event);
      this.hub.traceEvent(m.runId, m.event);
    } else if (m.type === 'run.finished') {
      const graded = this.grade(active.request, m.output);
      this.close(m.runId, { status: m.status, output: m.output, metrics: m.metrics, error: m.error, ...graded });
      this.active = null;
    }
  }

  private onEngineCrash(reason: string): void {
    const active = this.active;
    if (!active) return;
    this.active = null;
    this.close(active.runId, {
      status: 'failed',
      output: outputFromTokens(this.db, active.runId),
      metrics: null,
      error: { code: 'engine_crashed', message: `the engine process stopped during this run (${reason}); the tokens recorded before are kept` },
    });
    void this.pump();
  }

  private grade(request: RunRequest, output: string): { answer: string | null; correct: boolean | null } {
    if (!request.datasetItemId) return { answer: null, correct: null };
    try {
      const [item] = getDatasetItems(this.db, [request.datasetItemId]);
      if (!item) return { answer: null, correct: null };
      // Synthetic suites mix numeric and exact-answer families: an item's own kind wins.
      const kind = item.metadata.answerKind;
      const grading = kind === 'numeric' || kind === 'exact' ? gradingSpecFor(kind) : getDataset(this.db, item.datasetId).grading;
      return gradeOutput(output, item.answer, grading);
    } catch {
      return { answer: null, correct: null };
    }
  }

  private close(runId: string, end: { status: 'completed' | 'cancelled' | 'failed' | 'interrupted'; output: string; metrics: RunRecord['metrics']; error: ErrorPayload | null; answer?: string | null; correct?: boolean | null }): void {
    finishRun(this.db, runId, end);
    const record = getRun(this.db, runId); // output rebuilt from tokens when the engine could not send it
    this.hub.emit('run.finished', { runId, status: record.status, output: record.output, metrics: record.metrics, error: record.error });
    for (const w of this.waiters.get(runId) ?? []) w(record);
    this.waiters.delete(runId);
  }
}
