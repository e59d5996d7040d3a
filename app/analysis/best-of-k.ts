// Selection among k repeated samples by a verifier score (best-of-k, Brown et al. 2024 §4.1): the
// expected accuracy when k samples are drawn at random from an item's n and the highest-scoring one
// is kept. Exact rather than the paper's 100 random subsets: with samples ranked by score (ties to the
// lower sample index, as majority vote breaks ties), the sample at rank j (0 = best) is the best of a
// random k-subset with probability C(n-1-j, k-1) / C(n, k).

/** One scored, graded sample. */
export interface ScoredSample {
  sample: number;
  score: number;
  correct: boolean;
}

/** P(rank j is the best of a random k-subset of n) = C(n-1-j, k-1) / C(n, k). */
function bestOfSubsetProbability(n: number, k: number, rank: number): number {
  const below = n - 1 - rank;
  if (below < k - 1) return 0;
  // C(below, k-1) / C(n, k) = k/n * prod_{i<k-1} (below - i) / (n - 1 - i)
  let p = k / n;
  for (let i = 0; i < k - 1; i++) p *= (below - i) / (n - 1 - i);
  return p;
}

/** Expected accuracy of picking the top-scored of k random samples of one item (null for k outside 1..n). */
export function bestOfKAccuracy(samples: readonly ScoredSample[], k: number): number | null {
  const n = samples.length;
  if (k < 1 || k > n) return null;
  const ranked = [...samples].sort((x, y) => y.score - x.score || x.sample - y.sample);
  let acc = 0;
  ranked.forEach((s, rank) => {
    if (s.correct) acc += bestOfSubsetProbability(n, k, rank);
  });
  return acc;
}

/** Mean over items of bestOfKAccuracy for k = 1..maxK (each k over the items with at least k samples). */
export function bestOfKCurve(items: readonly (readonly ScoredSample[])[], maxK: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let k = 1; k <= maxK; k++) {
    const values = items.map((s) => bestOfKAccuracy(s, k)).filter((v): v is number => v !== null);
    out.push(values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
  }
  return out;
}
