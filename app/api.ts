// The API contract: every request the UI (or a remote client) can make, with its input and output
// schemas, and every event the host pushes. One table; Electron IPC and HTTP/WebSocket are two thin
// transports over it, and both validate payloads against these schemas on both ends.
import { z } from 'zod';
import { Dataset, DatasetItem, GenerateDatasetRequest, ImportDatasetRequest, ImportDatasetResult } from './datasets';
import { ErrorPayload } from './errors';
import { TraceEvent } from './events';
import { Experiment, ExperimentProgress, ExperimentResults, ExperimentSpec } from './experiments';
import { ExportFormat, ExportRequest, ExportResult } from './exports';
import { HubListing, HubRef, PullProgress, PullRequest } from './hub';
import { ExpertId } from './methods';
import { ModelResidency } from './model-residency';
import { ModelInfo, ModelRef, Provider } from './models';
import { RunFilter, RunMetrics, RunRecord, RunRequest, RunStatus, RunSummary } from './runs';

const Id = z.object({ id: z.string().min(1) });
const Ok = z.object({ ok: z.literal(true) });

export const NpmiTable = z.object({
  id: z.string(),
  modelId: z.string(),
  datasetId: z.string().nullable(),
  createdAt: z.string(),
  markers: z.array(z.string()),
  tokens: z.number().int(),
  /** nPMI per [moeLayerIndex][expert]; null where undefined (expert never co-occurred). */
  npmi: z.array(z.array(z.number().nullable())),
  /** Routing frequency per [moeLayerIndex][expert]. */
  frequency: z.array(z.array(z.number())),
  top: z.array(ExpertId.extend({ npmi: z.number() })),
  /** Shipped with an embedded model (made by scripts/make-rice-calibration.ts), not calibrated on this machine. */
  shipped: z.boolean().optional(),
});
export type NpmiTable = z.infer<typeof NpmiTable>;

export const api = {
  'app.info': {
    input: z.object({}),
    output: z.object({
      version: z.string(),
      host: z.enum(['electron', 'serve', 'cli']),
      dbPath: z.string(),
      engine: z.object({ status: z.enum(['starting', 'ready', 'crashed']), pid: z.number().nullable(), message: z.string().nullable() }),
      /** Execution providers on offer in this install (cuda only where its binaries were fetched). */
      providers: z.array(Provider).default(['cpu', 'webgpu']),
    }),
  },
  'models.list': { input: z.object({}), output: z.array(ModelInfo) },
  /** Registers a folder; `dtype` picks a variant (default: the most accurate one that fits memory). */
  'models.add': { input: z.object({ path: z.string().min(1), dtype: z.string().min(1).max(32).optional() }), output: ModelInfo },
  /** Switches a registered model to another of its variants (re-inspected: it must load). */
  'models.setDtype': { input: Id.extend({ dtype: z.string().min(1).max(32) }), output: ModelInfo },
  'models.remove': { input: Id, output: Ok },
  /** Loads a registered model into the engine (its chosen dtype); answers with the memory it took. */
  'models.load': { input: Id.extend({ provider: Provider.default('cpu') }), output: z.array(ModelResidency) },
  /** Releases a model's sessions (refused while runs are queued or running). */
  'models.unload': { input: Id, output: Ok },
  /** The models in the engine's memory now. */
  'models.resident': { input: z.object({}), output: z.array(ModelResidency) },
  /** The dtype variants of a hub repository with their sizes, before anything is downloaded. */
  'models.hubVariants': { input: HubRef, output: HubListing },
  /** Starts downloading one variant into the app-data models folder; progress follows as `models.pull.progress`. */
  'models.pull': { input: PullRequest, output: PullProgress },
  'models.pullCancel': { input: z.object({ pullId: z.string().min(1) }), output: PullProgress },
  /** Pulls in flight and the last finished ones, newest first. */
  'models.pulls': { input: z.object({}), output: z.array(PullProgress) },

  'runs.start': { input: RunRequest, output: z.object({ runId: z.string() }) },
  'runs.cancel': { input: Id, output: Ok },
  'runs.list': { input: RunFilter, output: z.object({ runs: z.array(RunSummary), total: z.number().int() }) },
  'runs.get': { input: Id, output: RunRecord },
  'runs.trace': {
    input: Id.extend({ kinds: z.array(z.string()).optional() }),
    output: z.object({ runId: z.string(), events: z.array(TraceEvent) }),
  },
  'runs.delete': { input: z.object({ ids: z.array(z.string()).min(1) }), output: z.object({ deleted: z.number().int() }) },

  'datasets.list': { input: z.object({}), output: z.array(Dataset) },
  'datasets.generate': { input: GenerateDatasetRequest, output: Dataset },
  'datasets.import': { input: ImportDatasetRequest, output: ImportDatasetResult },
  'datasets.items': {
    input: Id.extend({ limit: z.number().int().min(1).max(10_000).default(100), offset: z.number().int().min(0).default(0) }),
    output: z.object({ items: z.array(DatasetItem), total: z.number().int() }),
  },
  'datasets.delete': { input: Id, output: Ok },

  'experiments.create': { input: ExperimentSpec, output: Experiment },
  'experiments.list': { input: z.object({}), output: z.array(Experiment) },
  'experiments.get': { input: Id, output: Experiment },
  'experiments.start': { input: Id, output: Experiment },
  'experiments.pause': { input: Id, output: Experiment },
  'experiments.cancel': { input: Id, output: Experiment },
  'experiments.results': { input: Id, output: ExperimentResults },
  'experiments.delete': { input: Id, output: Ok },

  'export.create': { input: ExportRequest, output: ExportResult },
  /**
   * Desktop app only: a native save dialog for an export's file (null when the user cancels it).
   * Browser mode and the CLI answer `unavailable`: browsers download, the CLI takes --out.
   */
  'files.chooseSavePath': {
    input: z.object({ defaultName: z.string().min(1).max(255), format: ExportFormat }),
    output: z.object({ path: z.string().nullable() }),
  },

  'rice.calibrate': {
    input: z.object({
      model: ModelRef,
      datasetId: z.string(),
      itemLimit: z.number().int().min(1).max(10_000).default(50),
      markers: z.array(z.string()).default(['<think>', '</think>']),
      topExperts: z.number().int().min(1).max(16).default(2),
    }),
    output: NpmiTable,
  },
  'rice.tables': { input: z.object({ modelId: z.string().optional() }), output: z.array(NpmiTable) },
} as const;

export type Api = typeof api;
export type ApiMethod = keyof Api;
export type ApiInput<M extends ApiMethod> = z.input<Api[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<Api[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<Api[M]['output']>;

/** The handler table a host implements: one async function per API method. */
export type ApiHandlers = { [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> };

export const apiEvents = {
  'run.started': z.object({ runId: z.string(), request: RunRequest, promptTokens: z.number().int() }),
  /** Trace events of a running run, in order, batched by the host (a batch per ~16 ms). */
  'run.events': z.object({ runId: z.string(), events: z.array(TraceEvent) }),
  'run.finished': z.object({
    runId: z.string(),
    status: RunStatus,
    output: z.string(),
    metrics: RunMetrics.nullable(),
    error: ErrorPayload.nullable(),
  }),
  'experiment.progress': ExperimentProgress,
  /** Items done of a RICE calibration in flight (the model and dataset identify it). */
  'rice.progress': z.object({ modelId: z.string(), datasetId: z.string(), done: z.number().int().min(0), total: z.number().int().min(0) }),
  /** A hub download: per-file bytes, speed and ETA, then verifying, registering, done/failed/cancelled. */
  'models.pull.progress': PullProgress,
  'engine.status': z.object({ status: z.enum(['starting', 'ready', 'crashed']), message: z.string().nullable() }),
} as const;

export type ApiEvents = typeof apiEvents;
export type ApiEventName = keyof ApiEvents;
export type ApiEventPayload<E extends ApiEventName> = z.output<ApiEvents[E]>;

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(api, name);
}
