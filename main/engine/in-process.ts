// The engine in one process, for the benchmarks and engine-level tests: where the embedded models
// live, and running a request in-process while collecting everything the engine emits. Not test
// support: bench/ uses it (and may not import test-support files).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TokenEvent, TraceEvent } from '@app/events';
import type { HostSetup, RunRequest } from '@app/runs';
import { RunRequest as RunRequestSchema } from '@app/runs';
import { Engine } from './engine';
import { ModelLoader } from './model-loader';
import type { EngineMessage, RunFinished, RunStarted } from './protocol';

/** The repository root: the nearest folder above this module with native-models/ (source or bundled). */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'native-models', 'base', 'workbench.json'))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
}

const root = findRoot();

/** Folders of the embedded models, by id. */
export const EMBEDDED_MODELS: Record<string, string> = {
  draft: path.join(root, 'native-models/draft'),
  base: path.join(root, 'native-models/base'),
  moe: path.join(root, 'native-models/moe'),
};

export interface CollectedRun {
  started: RunStarted | null;
  finished: RunFinished;
  events: TraceEvent[];
  tokens: TokenEvent[];
  /** Generated token ids, in order. */
  ids: number[];
}

/** An engine whose messages are kept per run, for tests and benchmarks in one process. */
export class CollectingEngine {
  readonly engine: Engine;
  private readonly messages = new Map<string, EngineMessage[]>();
  private counter = 0;

  /** @param loader the model cache the engine loads through (exposed so callers share its models). */
  constructor(readonly loader = new ModelLoader()) {
    this.engine = new Engine(loader, (m) => {
      if ('runId' in m) {
        const list = this.messages.get(m.runId) ?? [];
        list.push(m);
        this.messages.set(m.runId, list);
      }
    });
  }

  /** Runs a request (input form: defaults applied) against the given model folders, with what a host would have resolved for it. */
  async run(request: unknown, models: Record<string, string> = EMBEDDED_MODELS, setup: HostSetup = {}): Promise<CollectedRun> {
    const parsed: RunRequest = RunRequestSchema.parse(request);
    const runId = `test-${++this.counter}`;
    await this.engine.run(runId, parsed, models, {}, setup);
    const msgs = this.messages.get(runId) ?? [];
    this.messages.delete(runId);
    const events = msgs.flatMap((m) => (m.type === 'run.event' ? [m.event] : []));
    const tokens = events.filter((e): e is TokenEvent => e.kind === 'token');
    const finished = msgs.find((m): m is RunFinished => m.type === 'run.finished');
    if (!finished) throw new Error(`run ${runId} did not finish`);
    return {
      started: msgs.find((m): m is RunStarted => m.type === 'run.started') ?? null,
      finished,
      events,
      tokens,
      ids: tokens.map((t) => t.id),
    };
  }
}
