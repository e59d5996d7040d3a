// The datasets domain's API: list, generate (the synthetic suite), import a file, page items, delete.
import { deleteDataset, listDatasetItems, listDatasets } from '../../store';
import type { HandlerDeps, HandlersOf } from '../domain-handlers';
import { importDataset } from './dataset-import';
import { generateDataset } from './generate';

export function createDatasetsHandlers({ host, kind }: HandlerDeps): HandlersOf<'datasets'> {
  const { db } = host;
  return {
    'datasets.list': async () => listDatasets(db),
    'datasets.generate': async (req) => generateDataset(db, req),
    'datasets.import': async (req) => importDataset(db, req, { folder: kind === 'cli' ? null : host.importsFolder }),
    'datasets.items': async ({ id, limit, offset }) => listDatasetItems(db, id, { limit, offset }),
    'datasets.delete': async ({ id }) => {
      deleteDataset(db, id);
      return { ok: true as const };
    },
  };
}
