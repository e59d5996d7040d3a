// Majority vote over repeated samples of one item (self-consistency): the most frequent extracted
// answer wins, and the item counts as solved when that answer was graded correct.

/** One graded sample of an item. */
export interface VoteSample {
  sample: number;
  answer: string | null;
  correct: boolean | null;
}

/** Answers compare after trimming and case folding: "14" and " 14 " are one vote. */
function voteKey(answer: string): string {
  return answer.trim().toLowerCase();
}

/**
 * The winning sample of a vote among samples with an answer: most votes, ties broken by the lowest
 * sample index of the tied answers (deterministic). Null when no sample has an answer.
 */
export function majorityWinner(samples: readonly VoteSample[]): VoteSample | null {
  const groups = new Map<string, { count: number; first: VoteSample }>();
  for (const s of [...samples].sort((a, b) => a.sample - b.sample)) {
    if (s.answer === null || s.answer.trim() === '') continue;
    const key = voteKey(s.answer);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { count: 1, first: s });
  }
  let best: { count: number; first: VoteSample } | null = null;
  for (const g of groups.values()) {
    if (!best || g.count > best.count || (g.count === best.count && g.first.sample < best.first.sample)) best = g;
  }
  return best?.first ?? null;
}

/**
 * Majority-vote accuracy over items, using each item's first k samples by sample index (all when k is
 * absent). Items without any graded sample are left out; an item whose samples have no answer counts
 * as wrong. Null when no item is left.
 */
export function majorityVoteAccuracy(items: readonly (readonly VoteSample[])[], k?: number): number | null {
  let solved = 0;
  let counted = 0;
  for (const samples of items) {
    const graded = [...samples].filter((s) => s.correct !== null).sort((a, b) => a.sample - b.sample);
    const used = k === undefined ? graded : graded.slice(0, k);
    if (used.length === 0 || (k !== undefined && graded.length < k)) continue;
    counted++;
    if (majorityWinner(used)?.correct === true) solved++;
  }
  return counted > 0 ? solved / counted : null;
}

/** Majority-vote accuracy for k = 1..maxK (each k over the items with at least k graded samples). */
export function majorityAtKCurve(items: readonly (readonly VoteSample[])[], maxK: number): (number | null)[] {
  return Array.from({ length: maxK }, (_, i) => majorityVoteAccuracy(items, i + 1));
}
