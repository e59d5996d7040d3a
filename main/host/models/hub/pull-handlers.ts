// The API handlers of hub pulls (models.hubVariants, models.pull, models.pullCancel, models.pulls),
// kept apart from the handler table so the table only spreads them in.
import type { ApiHandlers } from '@app/api';
import type { PullManager } from './pull-manager';

type PullMethods = 'models.hubVariants' | 'models.pull' | 'models.pullCancel' | 'models.pulls';

/** Handlers over the host's pull manager. */
export function createPullHandlers(pulls: PullManager): Pick<ApiHandlers, PullMethods> {
  return {
    'models.hubVariants': async (ref) => pulls.variants(ref),
    'models.pull': async (req) => pulls.start(req),
    'models.pullCancel': async ({ pullId }) => pulls.cancel(pullId),
    'models.pulls': async () => pulls.list(),
  };
}
