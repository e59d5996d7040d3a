// What the host resolves for a run before it starts, from what only the host knows (the store):
// RICE with no experts named steers the top experts of the model's latest calibration. Recorded in
// the run's setup, so the run says exactly which experts it reinforced; the user's config is kept as
// it was sent.
import type { MethodConfig } from '@app/methods';
import type { HostSetup } from '@app/runs';
import type { Database } from '../../store';
import { latestNpmiTable } from '../../store';

/** The host-resolved values of a run of `config` (empty for most methods). */
export function hostSetupFor(db: Database, config: MethodConfig): HostSetup {
  if (config.method !== 'rice' || config.params.experts.length > 0) return {};
  const table = latestNpmiTable(db, config.models.model.model);
  if (!table) return {};
  return { calibratedExperts: table.top.slice(0, config.params.topExperts).map(({ layer, expert }) => ({ layer, expert })) };
}
