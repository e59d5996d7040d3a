// Repeated sampling: the unbiased pass@k estimator (Chen et al. 2021) per item and its mean over
// items, which is the coverage@k curve of Large Language Monkeys (Brown et al. 2024).

/**
 * The probability that at least one of k samples drawn without replacement from n samples, c of them
 * correct, is correct: 1 - C(n-c, k) / C(n, k), computed as a running product (no big binomials).
 * Null when k is not in 1..n.
 */
export function passAtK(n: number, c: number, k: number): number | null {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 1 || k > n || c < 0 || c > n) return null;
  if (n - c < k) return 1;
  let missAll = 1;
  for (let i = n - c + 1; i <= n; i++) missAll *= 1 - k / i;
  return 1 - missAll;
}

/** Samples of one item: how many were graded, how many of them were correct. */
export interface ItemTally {
  n: number;
  c: number;
}

/**
 * Mean pass@k over items for k = 1..maxK. Each k averages over the items with at least k graded
 * samples; a k that no item reaches is null.
 */
export function passAtKCurve(items: readonly ItemTally[], maxK: number): (number | null)[] {
  const curve: (number | null)[] = [];
  for (let k = 1; k <= maxK; k++) {
    let sum = 0;
    let count = 0;
    for (const item of items) {
      const p = passAtK(item.n, item.c, k);
      if (p === null) continue;
      sum += p;
      count++;
    }
    curve.push(count > 0 ? sum / count : null);
  }
  return curve;
}

/** Share of items with at least one correct sample among all of theirs (coverage at the full budget). */
export function coverage(items: readonly ItemTally[]): number | null {
  const graded = items.filter((i) => i.n > 0);
  return graded.length > 0 ? graded.filter((i) => i.c > 0).length / graded.length : null;
}
