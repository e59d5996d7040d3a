// "Differences only": the items on which arms disagree, in correctness or in the extracted answer,
// on the same sample index (promptfoo's "Different" mode, Weave's "Diff only").
import type { ResultCell } from '../experiments';

type Comparable = Pick<ResultCell, 'itemId' | 'arm' | 'sample' | 'status' | 'correct' | 'answer'>;

function answerKey(answer: string | null): string {
  return answer === null ? '' : answer.trim().toLowerCase();
}

/**
 * Ids of items where, for some sample index, the completed runs of two or more arms differ in
 * correctness or in their answer (trimmed, case-folded). Cells not yet run do not count.
 */
export function differingItems(cells: readonly Comparable[]): Set<string> {
  const groups = new Map<string, Comparable[]>();
  for (const c of cells) {
    if (c.status !== 'completed') continue;
    const key = JSON.stringify([c.itemId, c.sample]);
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  const out = new Set<string>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const correctness = new Set(list.map((c) => c.correct));
    const answers = new Set(list.map((c) => answerKey(c.answer)));
    if (correctness.size > 1 || answers.size > 1) out.add(list[0]!.itemId);
  }
  return out;
}
