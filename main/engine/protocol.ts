// Messages between a host (Electron main, serve, CLI) and the engine process. Requests carry an id
// and get exactly one `result`; runs also stream `run.*` messages. Plain JSON: structured-clone safe
// for Electron's utilityProcess and Node's child_process IPC alike.
import type { ErrorPayload } from '@app/errors';
import type { TraceEvent } from '@app/events';
import type { Provider } from '@app/models';
import type { HostSetup, RunMetrics, RunRequest, RunSetup, RunStatus } from '@app/runs';

/** Where each model id of a run lives on disk. */
export type ModelPaths = Record<string, string>;

/** The registry's chosen variant of each model id (a ModelRef's own `dtype` overrides it). */
export type ModelDtypes = Record<string, string>;

export type EngineRequest =
  | { type: 'inspect'; id: number; path: string; modelId: string; provider?: Provider; dtype?: string }
  | { type: 'run'; id: number; runId: string; request: RunRequest; models: ModelPaths; dtypes?: ModelDtypes; setup?: HostSetup }
  | { type: 'cancel'; id: number; runId: string }
  | { type: 'call'; id: number; name: string; args: unknown; models: ModelPaths; dtypes?: ModelDtypes }
  | { type: 'shutdown'; id: number };

export interface RunStarted {
  type: 'run.started';
  runId: string;
  promptText: string;
  promptTokens: number;
  /** Engine version, fingerprints of the models used, and what the host and the method resolved. */
  setup: RunSetup;
}

export interface RunEvent {
  type: 'run.event';
  runId: string;
  event: TraceEvent;
}

export interface RunFinished {
  type: 'run.finished';
  runId: string;
  status: Extract<RunStatus, 'completed' | 'cancelled' | 'failed'>;
  output: string;
  metrics: RunMetrics | null;
  error: ErrorPayload | null;
  stopReason: string | null;
}

export type EngineMessage =
  | { type: 'ready'; pid: number }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: ErrorPayload }
  | RunStarted
  | RunEvent
  | RunFinished
  /** Progress of a long 'call' (engine function), sent before its result. */
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };
