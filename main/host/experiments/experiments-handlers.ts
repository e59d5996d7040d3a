// The experiments domain's API: create, list, start, pause, cancel, results and delete (the queue is
// ExperimentManager).
import type { HandlerDeps, HandlersOf } from '../domain-handlers';

export function createExperimentsHandlers({ host }: HandlerDeps): HandlersOf<'experiments'> {
  return {
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
  };
}
