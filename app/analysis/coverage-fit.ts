// The exponentiated power law of Large Language Monkeys (Brown et al. 2024, eq. 2-3): coverage as a
// function of the number of samples k follows c(k) ~= exp(a * k^b), with a < 0 and b < 0 on the
// curves the paper reports. Fitted as the paper does (App. C.1: about 40 points evenly spaced on a
// log scale, duplicates removed, least squares on c itself), with Levenberg-Marquardt in place of
// SciPy's curve_fit, started from the straight line ln(-ln c) = ln(-a) + b ln k.

/** A fitted curve c(k) = exp(a * k^b). */
export interface PowerLawFit {
  a: number;
  b: number;
  /** Root mean square error of the fit on the points it was fitted to. */
  rmse: number;
  /** The (k, coverage) points used. */
  points: { k: number; coverage: number }[];
}

/** c(k) = exp(a * k^b). */
export function powerLawCoverage(fit: Pick<PowerLawFit, 'a' | 'b'>, k: number): number {
  return Math.exp(fit.a * Math.pow(k, fit.b));
}

/**
 * The k at which to sample a coverage curve of length maxK: `count` points evenly spaced on a log
 * scale from 1 to maxK, rounded to integers, duplicates removed (the paper's App. C.1).
 */
export function logSpacedKs(maxK: number, count = 40): number[] {
  if (maxK < 1) return [];
  const out = new Set<number>();
  for (let i = 0; i < count; i++) {
    const t = count === 1 ? 0 : i / (count - 1);
    out.add(Math.min(maxK, Math.max(1, Math.round(Math.exp(t * Math.log(maxK))))));
  }
  return [...out].sort((x, y) => x - y);
}

function sumSquares(points: readonly { k: number; coverage: number }[], a: number, b: number): number {
  let s = 0;
  for (const p of points) {
    const r = p.coverage - Math.exp(a * Math.pow(p.k, b));
    s += r * r;
  }
  return s;
}

/** The straight-line start: least squares of ln(-ln c) on ln k over points with 0 < c < 1. */
function initialGuess(points: readonly { k: number; coverage: number }[]): { a: number; b: number } {
  const usable = points.filter((p) => p.coverage > 0 && p.coverage < 1);
  if (usable.length === 0) return { a: -1, b: -0.5 };
  if (usable.length === 1) return { a: Math.log(usable[0]!.coverage) / 1, b: 0 };
  const xs = usable.map((p) => Math.log(p.k));
  const ys = usable.map((p) => Math.log(-Math.log(p.coverage)));
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  return { a: -Math.exp(my - b * mx), b };
}

/**
 * Fits c(k) = exp(a k^b) to a coverage curve (index i holds coverage at k = i + 1; nulls skipped).
 * Null when fewer than two usable points exist.
 */
export function fitCoveragePowerLaw(curve: readonly (number | null)[], pointCount = 40): PowerLawFit | null {
  const points = logSpacedKs(curve.length, pointCount)
    .map((k) => ({ k, coverage: curve[k - 1] }))
    .filter((p): p is { k: number; coverage: number } => typeof p.coverage === 'number' && Number.isFinite(p.coverage));
  return fitPowerLawPoints(points);
}

/** Fits c(k) = exp(a k^b) to explicit (k, coverage) points by least squares; null below two points. */
export function fitPowerLawPoints(points: readonly { k: number; coverage: number }[]): PowerLawFit | null {
  if (points.length < 2) return null;

  let { a, b } = initialGuess(points);
  let lambda = 1e-3;
  let cost = sumSquares(points, a, b);
  for (let iter = 0; iter < 200; iter++) {
    // Gauss-Newton normal equations J^T J d = J^T r for r_i = c_i - exp(a k^b).
    let jaa = 0;
    let jab = 0;
    let jbb = 0;
    let ga = 0;
    let gb = 0;
    for (const p of points) {
      const kb = Math.pow(p.k, b);
      const f = Math.exp(a * kb);
      const da = f * kb;
      const db = f * a * kb * Math.log(p.k);
      const r = p.coverage - f;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    const m00 = jaa * (1 + lambda);
    const m11 = jbb * (1 + lambda);
    const det = m00 * m11 - jab * jab;
    if (!Number.isFinite(det) || Math.abs(det) < 1e-300) break;
    const stepA = (m11 * ga - jab * gb) / det;
    const stepB = (m00 * gb - jab * ga) / det;
    const next = sumSquares(points, a + stepA, b + stepB);
    if (Number.isFinite(next) && next < cost) {
      const improvement = cost - next;
      a += stepA;
      b += stepB;
      cost = next;
      lambda = Math.max(lambda / 10, 1e-12);
      if (improvement < 1e-15) break;
    } else {
      lambda *= 10;
      if (lambda > 1e12) break;
    }
  }
  return { a, b, rmse: Math.sqrt(cost / points.length), points: [...points] };
}
