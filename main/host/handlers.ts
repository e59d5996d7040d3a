// The API handler table: the domains' tables (models, runs, datasets, experiments, exports, rice)
// combined at start-up, plus app.info. Inputs arrive already validated by the transport; outputs are
// validated again by clients. Each domain owns its handlers and its store calls.
import type { ApiHandlers } from '@app/api';
import type { HandlerDeps } from './domain-handlers';
import { createDatasetsHandlers } from './datasets/datasets-handlers';
import { createExperimentsHandlers } from './experiments/experiments-handlers';
import { createExportsHandlers } from './exports/exports-handlers';
import { createModelsHandlers } from './models/models-handlers';
import { availableProviders } from './models/providers';
import { createRiceHandlers } from './rice/rice-handlers';
import { createRunsHandlers } from './runs/runs-handlers';

export type { HandlerDeps } from './domain-handlers';

export function createHandlers(deps: HandlerDeps): ApiHandlers {
  const { host, kind, dbPath, version } = deps;
  return {
    'app.info': async () => ({ version, host: kind, dbPath, engine: host.engine.status, providers: availableProviders() }),
    ...createModelsHandlers(deps),
    ...createRunsHandlers(deps),
    ...createDatasetsHandlers(deps),
    ...createExperimentsHandlers(deps),
    ...createExportsHandlers(deps),
    ...createRiceHandlers(deps),
  };
}
