// The host: one object that owns the store, the engine client, the run queue, the model registry and
// the event hub, and implements the API handler table over them. Electron IPC, the HTTP/WebSocket
// server and the CLI are thin transports over `handlers` and `hub`.
import fs from 'node:fs';
import path from 'node:path';
import type { ApiHandlers } from '@app/api';
import { WorkbenchError } from '@app/errors';
import { openDatabase } from '../store';
import type { EngineSpawner } from './engine-client';
import { EngineClient } from './engine-client';
import { EventHub } from './event-hub';
import { DownloadRegistry } from './exports/downloads';
import { ExperimentManager } from './experiments/experiments';
import { ExportPaths } from './exports/export-paths';
import { createHandlers } from './handlers';
import type { Host } from './host-shape';
import { defaultModelsDir, PullManager } from './models/hub/pull-manager';
import { ModelRegistry } from './models/model-registry';
import { installShippedCalibrations } from './rice/shipped-calibration';
import { RunManager } from './runs/run-manager';
import { newId } from './ids';
import { HEARTBEAT_MS, heartbeat, listModels, recoverDeadHosts, releaseLease } from '../store';

export interface HostOptions {
  dbPath: string;
  spawnEngine: EngineSpawner;
  kind: 'electron' | 'serve' | 'cli';
  /** Folder holding draft/, base/, moe/. */
  nativeModelsDir: string;
  /** The exports folder: where export.create may write a named path (default: exports/ beside the database). */
  exportDir?: string;
  version?: string;
  /** Open the database without marking another process's running runs as interrupted (CLI beside the app). */
  shareDatabase?: boolean;
  /** Where models pulled from the hub are placed (default: WORKBENCH_MODELS_DIR, else models/ beside the database). */
  modelsDir?: string;
}

export type { Host } from './host-shape';

/** Builds the host and registers the embedded models. */
export async function createHost(options: HostOptions): Promise<Host> {
  // Recovery touches only what hosts without a live lease left behind, so a CLI beside the app is safe.
  const db = openDatabase(options.dbPath, { recoverInterrupted: false });
  const lease = { hostId: newId('host'), kind: options.kind, pid: process.pid, startedAt: new Date().toISOString() };
  heartbeat(db, lease);
  recoverDeadHosts(db, new Date().toISOString());
  const beat = setInterval(() => {
    try {
      heartbeat(db, lease);
    } catch {
      // a full disk: the next beat retries; others see this host as dead only after LEASE_STALE_MS
    }
  }, HEARTBEAT_MS);
  beat.unref();
  const engine = new EngineClient(options.spawnEngine);
  const hub = new EventHub();
  const models = new ModelRegistry(db, engine, options.nativeModelsDir);
  const runs = new RunManager(db, engine, hub, models, lease.hostId);
  const experiments = new ExperimentManager(db, runs, hub, models, { recover: false, hostId: lease.hostId });
  const downloads = new DownloadRegistry();
  const pulls = new PullManager({
    modelsDir: options.modelsDir ?? defaultModelsDir(options.dbPath),
    register: (folder, dtype) => models.add(folder, dtype),
    emit: (progress) => hub.emit('models.pull.progress', progress),
  });
  const exportPaths = new ExportPaths(options.exportDir ?? path.join(path.dirname(path.resolve(options.dbPath)), 'exports'));
  engine.onCrash((reason) => hub.emit('engine.status', { status: 'crashed', message: reason }));
  const host: Host = {
    db,
    engine,
    hub,
    runs,
    experiments,
    models,
    downloads,
    pulls,
    exportPaths,
    importsFolder: path.join(path.dirname(path.resolve(options.dbPath)), 'imports'),
    handlers: undefined as unknown as ApiHandlers,
    startupProblems: [],
    hostId: lease.hostId,
    async close() {
      clearInterval(beat);
      experiments.shutdown();
      runs.interruptAll('the host closed');
      await pulls.shutdown();
      await engine.shutdown();
      exportPaths.cleanup();
      try {
        releaseLease(db, lease.hostId);
      } catch {
        // the lease goes stale on its own
      }
      db.close();
    },
  };
  host.handlers = createHandlers({ host, kind: options.kind, dbPath: options.dbPath, version: options.version ?? '0.1.0' });
  host.startupProblems = await models.registerEmbedded();
  // Embedded MoE models bring a RICE calibration (used until this machine makes its own).
  host.startupProblems.push(...installShippedCalibrations(db, listModels(db).filter((m) => m.embedded)));
  return host;
}

/** The app's root folder (holds native-models/ and out/): found by walking up from a module path. */
export function findAppRoot(from: string): string {
  let dir = path.dirname(from);
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'native-models', 'base', 'workbench.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new WorkbenchError('model_missing', `cannot find native-models/ above ${from}`);
}
