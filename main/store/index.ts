// The store's public surface: what the host, the CLI, the server and the Electron shell may use.
// Everything else in main/store/ (prepared statements, JSON columns, row shapes, migrations, export
// internals) is internal to the store; code outside imports only this file (lint-enforced,
// eslint/layers.js). A repository function the host needs is added here.
export type { Database, OpenOptions } from './db';
export { defaultDatabasePath, openDatabase } from './db';
export type { NewRun, RunEnd, RunStart } from './runs';
export { createRun, deleteRuns, finishRun, getRun, listRuns, markRunning } from './runs';
export type { TraceGrouping } from './trace';
export { TraceWriter, outputFromTokens, readTrace } from './trace';
export { getModel, listModels, removeModel, upsertModel } from './models';
export type { NewDataset, NewDatasetItem } from './datasets';
export { createDataset, datasetVersion, deleteDataset, findDatasetByVersion, getDataset, getDatasetItems, listDatasetItems, listDatasets } from './datasets';
export type { ExperimentRun, NewExperiment } from './experiments';
export { createExperiment, deleteExperiment, experimentItemPrompts, experimentRunExtras, experimentRuns, getExperiment, listExperiments, updateExperiment } from './experiments';
export { getNpmiTable, latestNpmiTable, listNpmiTables, saveNpmiTable } from './npmi';
export type { ExportTarget } from './export';
export { exportRuns, parquetPaths } from './export';
export { canonicalJson } from './json';
/** Reshapes a method config of the flat shape before migration 4 (the CLI accepts old config files). */
export { reshapeConfig } from './migrations/0004-method-config-v2';
export { HEARTBEAT_MS, LEASE_STALE_MS, claimExperiment, claimRun, experimentOwnerAlive, heartbeat, recoverDeadHosts, releaseLease } from './leases';
