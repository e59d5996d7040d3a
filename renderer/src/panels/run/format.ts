// Number and time formatting used across run views: milliseconds, rates, percentages, sizes,
// parameter counts and timestamps, each with tabular digits in mind and "–" for missing values.

export const MISSING = '–';

/** 85 ms, 1.23 s, 2 min 5 s. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return MISSING;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** 312 tok/s (no unit when `unit` is false). */
export function formatRate(perS: number | null | undefined, unit = true): string {
  if (perS === null || perS === undefined || !Number.isFinite(perS)) return MISSING;
  const n = perS >= 100 ? perS.toFixed(0) : perS.toFixed(1);
  return unit ? `${n} tok/s` : n;
}

/** 0.731 -> 73.1% */
export function formatShare(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return MISSING;
  return `${(fraction * 100).toFixed(1)}%`;
}

const integerFormat = new Intl.NumberFormat('en-US');

/** 12,345 */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return MISSING;
  return integerFormat.format(n);
}

/** A plain number with fixed digits. */
export function formatNumber(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return MISSING;
  return n.toFixed(digits);
}

/** 2.8M, 163M, 1.2B */
export function formatParams(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e8 ? 0 : 1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)}K`;
  return String(n);
}

/** 11.2 MB */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}
