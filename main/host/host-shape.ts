// The host's shape: what the handlers, the transports and the CLI see of the host. Its own module so
// that host.ts (which builds one) and handlers.ts (which serve from one) need not import each other.
import type { ApiHandlers } from '@app/api';
import type { Database } from '../store';
import type { DownloadRegistry } from './exports/downloads';
import type { EngineClient } from './engine-client';
import type { EventHub } from './event-hub';
import type { ExperimentManager } from './experiments/experiments';
import type { ExportPaths } from './exports/export-paths';
import type { PullManager } from './models/hub/pull-manager';
import type { ModelRegistry } from './models/model-registry';
import type { RunManager } from './runs/run-manager';

/** The host: the store, the engine client, the run queue, the registries and the handler table over them. */
export interface Host {
  db: Database;
  engine: EngineClient;
  hub: EventHub;
  runs: RunManager;
  experiments: ExperimentManager;
  models: ModelRegistry;
  downloads: DownloadRegistry;
  /** Downloads from the Hugging Face hub. */
  pulls: PullManager;
  exportPaths: ExportPaths;
  /** The only folder datasets.import reads a path from in the app and browser mode (imports/ beside the database). */
  importsFolder: string;
  handlers: ApiHandlers;
  /** This process's lease id in the database (host_lease). */
  hostId: string;
  /** Problems found while registering the embedded models (empty when all loaded). */
  startupProblems: string[];
  close(): Promise<void>;
}
