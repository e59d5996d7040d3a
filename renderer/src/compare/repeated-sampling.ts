// The repeated-sampling curves of each arm (k = 1..samples per item): coverage@k, the mean unbiased
// pass@k over items (computed with the host's aggregates), and majority vote@k over each item's
// first k graded samples.
import { majorityAtKCurve } from '@app/analysis/majority-vote';
import type { VoteSample } from '@app/analysis/majority-vote';
import type { ExperimentResults } from '@app/experiments';

export interface SamplingCurves {
  arm: string;
  coverage: (number | null)[];
  majority: (number | null)[];
}

/** The curves per arm; a k that no item has reached yet is null. */
export function repeatedSamplingCurves(results: Pick<ExperimentResults, 'cells' | 'experiment' | 'aggregates'>): SamplingCurves[] {
  const k = results.experiment.spec.samplesPerItem;
  return results.experiment.spec.arms.map(({ label }) => {
    const byItem = new Map<string, VoteSample[]>();
    for (const c of results.cells) {
      if (c.arm !== label || c.status !== 'completed' || c.correct === null) continue;
      const list = byItem.get(c.itemId) ?? [];
      list.push(c);
      byItem.set(c.itemId, list);
    }
    const passAtK = results.aggregates.find((a) => a.arm === label)?.passAtK ?? [];
    return { arm: label, coverage: Array.from({ length: k }, (_, i) => passAtK[i] ?? null), majority: majorityAtKCurve([...byItem.values()], k) };
  });
}
