// The runs domain's API: start, cancel, list, read, trace and delete runs (the queue is RunManager).
import { getRun, listRuns, readTrace } from '../../store';
import type { HandlerDeps, HandlersOf } from '../domain-handlers';

export function createRunsHandlers({ host }: HandlerDeps): HandlersOf<'runs'> {
  const { db } = host;
  return {
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
  };
}
