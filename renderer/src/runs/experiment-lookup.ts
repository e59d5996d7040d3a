// What the Runs list shows about runs that belong to an experiment: the experiment's name, the item's
// number, and the run's speedup against its experiment's baseline arm on the same item and sample
// (Spec-Bench's: this run's wall-time tokens/s over the baseline's, as app/analysis/speedup defines it). Experiment results are
// read once per experiment (runs.list rows carry only the id) and cached for the page's life.
import type { ExperimentResults } from '@app/experiments';
import { getClient } from '../api/workbench';

export interface RunExperimentInfo {
  experimentName: string;
  /** 1-based item number in the experiment. */
  item: number;
  itemQuestion: string;
  /** This run's wall-time tokens/s over the baseline's; null for the baseline arm itself or without both. */
  speedup: number | null;
  isBaseline: boolean;
}

/** Wall-time tokens/s of a cell (Spec-Bench's figure: new tokens over latency, prefill included). */
function wallRate(c: { latencyMs: number | null; newTokens: number | null }): number | null {
  return c.latencyMs && c.newTokens !== null ? c.newTokens / c.latencyMs : null;
}

/** Per-run facts of one experiment's results, by run id. */
export function experimentRunInfo(results: Pick<ExperimentResults, 'experiment' | 'items' | 'cells'>): Map<string, RunExperimentInfo> {
  const baseline = results.experiment.spec.arms.find((a) => a.baseline)?.id ?? null;
  const itemIndex = new Map(results.items.map((it, i) => [it.id, i]));
  const baseRate = new Map<string, number>();
  for (const c of results.cells) {
    if (c.armId === baseline && c.status === 'completed') {
      const rate = wallRate(c);
      if (rate !== null) baseRate.set(`${c.itemId}#${c.sample}`, rate);
    }
  }
  const out = new Map<string, RunExperimentInfo>();
  for (const c of results.cells) {
    if (!c.runId) continue;
    const i = itemIndex.get(c.itemId) ?? -1;
    const base = baseRate.get(`${c.itemId}#${c.sample}`);
    const isBaseline = c.armId === baseline;
    out.set(c.runId, {
      experimentName: results.experiment.spec.name,
      item: i + 1,
      itemQuestion: results.items[i]?.question ?? '',
      speedup: !isBaseline && base !== undefined && c.status === 'completed' && wallRate(c) !== null ? wallRate(c)! / base : null,
      isBaseline,
    });
  }
  return out;
}

const cache = new Map<string, Promise<Map<string, RunExperimentInfo>>>();

/** The run facts of experiment `id` (read once; a failed read is retried next time). */
export function loadExperimentRunInfo(id: string): Promise<Map<string, RunExperimentInfo>> {
  let p = cache.get(id);
  if (!p) {
    p = getClient()
      .call('experiments.results', { id })
      .then(experimentRunInfo, (err: unknown) => {
        cache.delete(id);
        throw err;
      });
    cache.set(id, p);
  }
  return p;
}

/** Forgets cached results (an experiment ran more cells). */
export function forgetExperimentRunInfo(id?: string): void {
  if (id) cache.delete(id);
  else cache.clear();
}
