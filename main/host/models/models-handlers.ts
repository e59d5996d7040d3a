// The models domain's API: the registry (list, add, dtype, remove), pulls from the hub and engine
// residency (load, unload), combined from their modules.
import type { HandlerDeps, HandlersOf } from '../domain-handlers';
import { createPullHandlers } from './hub/pull-handlers';
import { createResidencyHandlers } from './model-residency';

export function createModelsHandlers({ host }: HandlerDeps): HandlersOf<'models'> {
  return {
    'models.list': async () => host.models.list(),
    'models.add': async ({ path: folder, dtype }) => host.models.add(folder, dtype),
    'models.setDtype': async ({ id, dtype }) => host.models.setDtype(id, dtype),
    'models.remove': async ({ id }) => {
      host.models.remove(id);
      return { ok: true as const };
    },
    ...createPullHandlers(host.pulls),
    ...createResidencyHandlers(host),
  };
}
