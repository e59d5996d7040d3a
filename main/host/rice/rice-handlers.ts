// The RICE domain's API: calibrate a model's nPMI table on a dataset (in the engine, with progress
// events) and list the stored tables.
import type { NpmiTable } from '@app/api';
import { WorkbenchError } from '@app/errors';
import { getDatasetItems, listDatasetItems, listNpmiTables, saveNpmiTable } from '../../store';
import type { HandlerDeps, HandlersOf } from '../domain-handlers';
import { newId } from '../ids';

export function createRiceHandlers({ host }: HandlerDeps): HandlersOf<'rice'> {
  const { db } = host;
  return {
    'rice.calibrate': async (req) => {
      const items = listDatasetItems(db, req.datasetId, { limit: req.itemLimit, offset: 0 }).items;
      if (items.length === 0) throw new WorkbenchError('dataset_invalid', `dataset ${req.datasetId} has no items`);
      const table = await host.engine.call<Omit<NpmiTable, 'id' | 'createdAt'>>(
        {
          type: 'call',
          name: 'rice.calibrate',
          args: { ...req, items: getDatasetItems(db, items.map((i) => i.id)).map((i) => ({ question: i.question })) },
          models: { [req.model.model]: host.models.get(req.model.model).path },
        },
        (done, total) => host.hub.emit('rice.progress', { modelId: req.model.model, datasetId: req.datasetId, done, total }),
      );
      return saveNpmiTable(db, { ...table, id: newId('npmi'), createdAt: new Date().toISOString(), datasetId: req.datasetId, modelId: req.model.model });
    },
    'rice.tables': async ({ modelId }) => listNpmiTables(db, { modelId }),
  };
}
