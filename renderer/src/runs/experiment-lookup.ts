// What the Runs list shows about runs that belong to an experiment: the experiment's name, the item's
// number, and the run's speedup against its experiment's baseline arm on the same item and sample
// (baseline latency / this run's latency, the per-arm table's definition). Experiment results are
// read once per experiment (runs.list rows carry only the id) and cached for the page's life.
import type { ExperimentResults } from '../../../app/experiments';
import { getClient } from '../api/workbench';

export interface RunExperimentInfo {
  experimentName: string;
  /** 1-based item number in the experiment. */
  item: number;
  itemQuestion: string;
  /** Baseline latency / this run's; null for the baseline arm itself or without both latencies. */
  speedup: number | null;
  isBaseline: boolean;
}

/** Per-run facts of one experiment's results, by run id. */
export function experimentRunInfo(results: Pick<ExperimentResults, 'experiment' | 'items' | 'cells'>): Map<string, RunExperimentInfo> {
  const baseline = results.experiment.spec.arms.find((a) => a.baseline)?.label ?? null;
  const itemIndex = new Map(results.items.map((it, i) => [it.id, i]));
  const baseLatency = new Map<string, number>();
  for (const c of results.cells) if (c.arm === baseline && c.latencyMs !== null && c.status === 'completed') baseLatency.set(`${c.itemId}#${c.sample}`, c.latencyMs);
  const out = new Map<string, RunExperimentInfo>();
  for (const c of results.cells) {
    if (!c.runId) continue;
    const i = itemIndex.get(c.itemId) ?? -1;
    const base = baseLatency.get(`${c.itemId}#${c.sample}`);
    const isBaseline = c.arm === baseline;
    out.set(c.runId, {
      experimentName: results.experiment.spec.name,
      item: i + 1,
      itemQuestion: results.items[i]?.question ?? '',
      speedup: !isBaseline && base !== undefined && c.latencyMs && c.status === 'completed' ? base / c.latencyMs : null,
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
