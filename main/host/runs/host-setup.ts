// What the host resolves for a run before it starts, from what only the host knows (the store):
// RICE with no experts named steers the top experts of the model's latest calibration; the reference
// answer a run is graded against (a dataset item's, or the request's own). Recorded in the run's
// setup, so the run says exactly which experts it reinforced and what it was graded against; the
// user's config is kept as it was sent.
import type { GradingSpec } from '@app/datasets';
import type { MethodConfig } from '@app/methods';
import type { HostSetup, ReferenceAnswer, RunRequest } from '@app/runs';
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

/** A request's own reference answer (a Playground example's) as a reference with its grading spec. */
export function referenceFromExpected(expected: ReferenceAnswer): { answer: string; grading: GradingSpec } {
  return { answer: expected.answer, grading: gradingSpecFor(expected.kind) };
}

/**
 * The host-resolved values of a run of `config` (empty for most methods). The reference: repeated
 * sampling on a dataset item gets the item's (to grade each sample and select by the oracle); a run
 * without a dataset item, of any method, gets its request's `expected` converted to a grading spec.
 */
export function hostSetupFor(db: Database, config: MethodConfig, link: Pick<RunRequest, 'datasetItemId' | 'expected'> = {}): HostSetup {
  const reference =
    (config.method === 'repeated_sampling' && link.datasetItemId ? referenceOf(db, link.datasetItemId) : null) ??
    (!link.datasetItemId && link.expected ? referenceFromExpected(link.expected) : null);
  const setup: HostSetup = reference ? { reference } : {};
  if (config.method !== 'rice' || config.params.experts.length > 0) return setup;
  const table = latestNpmiTable(db, config.models.model.model);
  if (!table) return setup;
  return { ...setup, calibratedExperts: table.top.slice(0, config.params.topExperts).map(({ layer, expert }) => ({ layer, expert })) };
}
