// Load / unload for the Models page: the engine loads a registered model (reporting the memory it
// took) or releases it; unloading waits for no run, so it is refused while runs are queued or running.
import type { ApiHandlers } from '@app/api';
import { WorkbenchError } from '@app/errors';
import type { ModelResidency } from '@app/model-residency';
import type { ResidentModel } from '../../engine/model-loader';
import type { Host } from '../host-shape';

type ResidencyMethods = 'models.load' | 'models.unload' | 'models.resident';

/** Engine residency entries named by registered model id (entries of unregistered folders are left out). */
function byModelId(host: Host, resident: ResidentModel[]): ModelResidency[] {
  const idOf = new Map(host.models.list().map((m) => [m.path, m.id]));
  return resident.flatMap((r) => {
    const modelId = idOf.get(r.path);
    return modelId ? [{ modelId, provider: r.provider, dtype: r.dtype, memoryBytes: Math.round(r.memoryBytes), loadedAt: r.loadedAt }] : [];
  });
}

/** Handlers for models.load, models.unload and models.resident. */
export function createResidencyHandlers(host: Host): Pick<ApiHandlers, ResidencyMethods> {
  const call = <T>(name: string, args: unknown) => host.engine.call<T>({ type: 'call', name, args, models: {} });
  return {
    'models.load': async ({ id, provider }) => {
      const m = host.models.get(id);
      return byModelId(host, await call<ResidentModel[]>('models.load', { modelId: id, path: m.path, provider, dtype: m.dtype }));
    },
    'models.unload': async ({ id }) => {
      const m = host.models.get(id);
      if (host.runs.pending > 0) throw new WorkbenchError('busy', `${host.runs.pending} run(s) queued or running: unload ${id} when they finish`);
      await call('models.unload', { path: m.path });
      return { ok: true as const };
    },
    'models.resident': async () => byModelId(host, await call<ResidentModel[]>('models.resident', {})),
  };
}
