// The Wilson score interval for a binomial proportion: the accuracy confidence interval shown next
// to every arm (it stays inside [0, 1] and behaves at 0/n and n/n, unlike the normal approximation).

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval of `successes` out of `trials` (95% by default). Null when there are no
 * trials. Bounds stay within [0, 1].
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): { low: number; high: number } | null {
  if (!(trials > 0) || successes < 0 || successes > trials) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // At 0/n and n/n the bound is exactly 0 or 1; the formula only gets there up to rounding.
  return { low: successes === 0 ? 0 : Math.max(0, center - half), high: successes === trials ? 1 : Math.min(1, center + half) };
}
