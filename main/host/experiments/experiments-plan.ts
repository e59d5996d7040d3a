// What an experiment consists of and what of it is still to do: its items (dataset, subset, limit),
// its cells (item x sample x arm, item-major so that partial results compare whole rows), and the
// runs already recorded for those cells, read back from the store.
import type { DatasetItem } from '@app/datasets';
import { WorkbenchError } from '@app/errors';
import type { ExperimentSpec } from '@app/experiments';
import type { Prompt, RunSetup } from '@app/runs';
import { cellKey, isSettled, pickCellRuns } from '@app/analysis/cells';
import type { Database, ExperimentRun } from '../../store';
import { experimentItemPrompts, experimentRunExtras, experimentRuns, getDataset, getDatasetItems, listDatasetItems } from '../../store';

/** One (item, arm, sample) of an experiment; `arm` is the arm's id. */
export interface Cell {
  itemId: string;
  arm: string;
  sample: number;
}

/** A recorded run of an experiment with the cell it fills and what deciding its fate needs. */
export interface CellRun extends ExperimentRun, Cell {
  seed: number;
  setup: RunSetup;
  errorCode: string | null;
}

/** The items an experiment covers, in order: the subset (ids in the order given) or all, then the limit. Throws when the dataset is gone. */
export function experimentItems(db: Database, spec: ExperimentSpec): DatasetItem[] {
  const dataset = getDataset(db, spec.datasetId);
  let items = spec.itemIds ? getDatasetItems(db, spec.itemIds).filter((i) => i.datasetId === dataset.id) : listDatasetItems(db, dataset.id, { limit: Math.max(1, dataset.itemCount) }).items;
  if (spec.itemLimit !== undefined) items = items.slice(0, spec.itemLimit);
  if (items.length === 0) throw new WorkbenchError('dataset_invalid', `the experiment selects no item of dataset ${dataset.name}`);
  return items;
}

/** The question a prompt asks: its text, or the last user message of a chat. */
export function promptQuestion(prompt: Prompt): string {
  if (prompt.kind !== 'chat') return prompt.text;
  return (prompt.messages.findLast((m) => m.role === 'user') ?? prompt.messages[0])?.content ?? '';
}

/**
 * The items of an experiment whose dataset is gone, as its runs remember them: each item's question
 * from the prompt its first run stored (in the spec's order where it names items); the reference
 * answers and metadata went with the dataset.
 */
export function itemsFromRuns(db: Database, experimentId: string, spec: ExperimentSpec): { id: string; question: string; answer: string; metadata: Record<string, unknown> }[] {
  const asked = experimentItemPrompts(db, experimentId);
  if (spec.itemIds) {
    const order = new Map(spec.itemIds.map((id, i) => [id, i]));
    asked.sort((a, b) => (order.get(a.itemId) ?? Infinity) - (order.get(b.itemId) ?? Infinity));
  }
  return asked.map(({ itemId, prompt }) => ({ id: itemId, question: promptQuestion(prompt), answer: '', metadata: {} }));
}

/** The most cells (items x arms x samples) one experiment may have: beyond this, split it. */
export const MAX_EXPERIMENT_CELLS = 1_000_000;

/** How many cells an experiment over `itemCount` items has. */
export function cellCount(spec: Pick<ExperimentSpec, 'arms' | 'samplesPerItem'>, itemCount: number): number {
  return itemCount * spec.arms.length * spec.samplesPerItem;
}

/**
 * Every cell of an experiment over `itemIds`, item-major, then sample, then arm, made one at a time
 * as they are consumed (a plan of millions of cells never sits in memory).
 */
export function* experimentCells(spec: ExperimentSpec, itemIds: readonly string[]): Generator<Cell> {
  for (const itemId of itemIds) {
    for (let sample = 0; sample < spec.samplesPerItem; sample++) {
      for (const arm of spec.arms) yield { itemId, arm: arm.id, sample };
    }
  }
}

/**
 * The runs an experiment recorded (oldest first) with their cells (by the arm id they recorded); runs
 * not tied to a cell are left out. The store's experimentRuns has no seed, setup or error code, so those come from one more query.
 */
export function cellRuns(db: Database, experimentId: string): CellRun[] {
  const extra = new Map(experimentRunExtras(db, experimentId).map((r) => [r.id, r]));
  return experimentRuns(db, experimentId).flatMap((run) => {
    const more = extra.get(run.id);
    if (run.datasetItemId === null || run.armId === null || run.sampleIndex === null || !more) return [];
    return [
      {
        ...run,
        itemId: run.datasetItemId,
        arm: run.armId,
        sample: run.sampleIndex,
        seed: more.seed,
        setup: JSON.parse(more.setup) as RunSetup,
        errorCode: more.error_code,
      },
    ];
  });
}

/** Keys of the cells whose runs settle them (see isSettled), out of an experiment's recorded runs. */
export function settledKeys(runs: readonly CellRun[]): Set<string> {
  return new Set(pickCellRuns(runs).filter((r) => isSettled(r.status, r.errorCode)).map((r) => cellKey(r.itemId, r.arm, r.sample)));
}
