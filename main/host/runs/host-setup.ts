// What the host resolves for a run before it starts, from what only the host knows (the store):
// RICE with no experts named steers the top experts of the model's latest calibration. Recorded in
// the run's setup, so the run says exactly which experts it reinforced; the user's config is kept as
// it was sent.
import type { GradingSpec } from '@app/datasets';
import type { MethodConfig } from '@app/methods';
import type { HostSetup, RunRequest } from '@app/runs';
import { gradingSpecFor } from '@app/tasks/problem';
import type { Database } from '../../store';
import { getDataset, getDatasetItems, latestNpmiTable } from '../../store';

/** A dataset item's gold answer and how it is graded (synthetic suites mix kinds: the item's own kind wins); null when the item is gone. */
export function referenceOf(db: Database, datasetItemId: string): { answer: string; grading: GradingSpec } | null {
  const [item] = getDatasetItems(db, [datasetItemId]);
  if (!item) return null;
  const kind = item.metadata.answerKind;
  const grading = kind === 'numeric' || kind === 'exact' ? gradingSpecFor(kind) : getDataset(db, item.datasetId).grading;
  return { answer: item.answer, grading };
}

/**
 * The host-resolved values of a run of `config` (empty for most methods). Repeated sampling on a
 * dataset item gets the item's reference (else the request's own, a Playground example's), to grade
 * each sample and select by the oracle.
 */
export function hostSetupFor(db: Database, config: MethodConfig, link: Pick<RunRequest, 'datasetItemId' | 'reference'> = {}): HostSetup {
  if (config.method === 'repeated_sampling') {
    const reference = (link.datasetItemId ? referenceOf(db, link.datasetItemId) : null) ?? link.reference ?? null;
    return reference ? { reference } : {};
  }
  if (config.method !== 'rice' || config.params.experts.length > 0) return {};
  const table = latestNpmiTable(db, config.models.model.model);
  if (!table) return {};
  return { calibratedExperts: table.top.slice(0, config.params.topExperts).map(({ layer, expert }) => ({ layer, expert })) };
}
