// The API handler table: one async function per method of app/api.ts, over the host's parts.
// Inputs arrive already validated by the transport; outputs are validated again by clients.
import path from 'node:path';
import type { ApiHandlers, NpmiTable } from '@app/api';
import { WorkbenchError } from '@app/errors';
import { exportFileName } from '@app/exports';
import { availableProviders } from './providers';
import { deleteDataset, exportRuns, getDatasetItems, getRun, listDatasetItems, listDatasets, listNpmiTables, listRuns, readTrace, saveNpmiTable } from '../store';
import { importDataset } from './dataset-import';
import { createPullHandlers } from './hub/pull-handlers';
import { createResidencyHandlers } from './model-residency';
import { generateDataset } from './datasets';
import type { Host } from './host-shape';
import { newId } from './ids';

interface HandlerDeps {
  host: Host;
  kind: 'electron' | 'serve' | 'cli';
  dbPath: string;
  version: string;
}

export function createHandlers({ host, kind, dbPath, version }: HandlerDeps): ApiHandlers {
  const { db } = host;
  return {
    'app.info': async () => ({ version, host: kind, dbPath, engine: host.engine.status, providers: availableProviders() }),

    'models.list': async () => host.models.list(),
    'models.add': async ({ path: folder, dtype }) => host.models.add(folder, dtype),
    'models.setDtype': async ({ id, dtype }) => host.models.setDtype(id, dtype),
    'models.remove': async ({ id }) => {
      host.models.remove(id);
      return { ok: true as const };
    },
    ...createPullHandlers(host.pulls),
    ...createResidencyHandlers(host),

    'runs.start': async (request) => ({ runId: host.runs.start(request) }),
    'runs.cancel': async ({ id }) => {
      await host.runs.cancel(id);
      return { ok: true as const };
    },
    'runs.list': async (filter) => listRuns(db, filter),
    'runs.get': async ({ id }) => getRun(db, id),
    'runs.trace': async ({ id, kinds }) => {
      getRun(db, id); // not_found for an unknown id
      return { runId: id, events: readTrace(db, id, kinds) };
    },
    'runs.delete': async ({ ids }) => ({ deleted: host.runs.delete(ids) }),

    'datasets.list': async () => listDatasets(db),
    'datasets.generate': async (req) => generateDataset(db, req),
    'datasets.import': async (req) => importDataset(db, req, { folder: kind === 'cli' ? null : host.importsFolder }),
    'datasets.items': async ({ id, limit, offset }) => listDatasetItems(db, id, { limit, offset }),
    'datasets.delete': async ({ id }) => {
      deleteDataset(db, id);
      return { ok: true as const };
    },

    'experiments.create': async (spec) => host.experiments.create(spec),
    'experiments.list': async () => host.experiments.list(),
    'experiments.get': async ({ id }) => host.experiments.get(id),
    'experiments.start': async ({ id }) => host.experiments.start(id),
    'experiments.pause': async ({ id }) => host.experiments.pause(id),
    'experiments.cancel': async ({ id }) => host.experiments.cancel(id),
    'experiments.results': async ({ id }) => host.experiments.results(id),
    'experiments.delete': async ({ id }) => {
      await host.experiments.delete(id);
      return { ok: true as const };
    },

    'export.create': async (req) => {
      const out = req.path
        ? host.exportPaths.resolve(req.path, req.format)
        : path.join(host.exportPaths.downloadFolder(), exportFileName(req.target, req.format, String(Date.now())));
      const result = await exportRuns(db, req.target, req.format, out);
      if (req.path) return result;
      return { ...result, downloads: result.files.map((f) => ({ name: f.name, id: host.downloads.add(f.path, f.name) })) };
    },

    'files.chooseSavePath': async () => {
      throw new WorkbenchError('unavailable', `save dialogs exist only in the desktop app (this is ${kind} mode: ${kind === 'cli' ? 'pass --out' : 'exports download through the browser'})`);
    },

    'rice.calibrate': async (req) => {
      const items = listDatasetItems(db, req.datasetId, { limit: req.itemLimit, offset: 0 }).items;
      if (items.length === 0) throw new WorkbenchError('dataset_invalid', `dataset ${req.datasetId} has no items`);
      const table = await host.engine.call<Omit<NpmiTable, 'id' | 'createdAt'>>({
        type: 'call',
        name: 'rice.calibrate',
        args: { ...req, items: getDatasetItems(db, items.map((i) => i.id)).map((i) => ({ question: i.question })) },
        models: { [req.model.model]: host.models.get(req.model.model).path },
      }, (done, total) => host.hub.emit('rice.progress', { modelId: req.model.model, datasetId: req.datasetId, done, total }));
      return saveNpmiTable(db, { ...table, id: newId('npmi'), createdAt: new Date().toISOString(), datasetId: req.datasetId, modelId: req.model.model });
    },
    'rice.tables': async ({ modelId }) => listNpmiTables(db, { modelId }),
  };
}
