// Formatting the Compare page adds to ../run/format.ts: speed ratios and the ETA of an experiment.
import { MISSING } from '../panels/run/format';

/** A ratio: 1.834 -> "1.83x". */
export function fmtX(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? MISSING : `${x.toFixed(2)}x`;
}

/** A remaining time: "ETA 45 s", "ETA 3 min 20 s", "ETA 1 h 5 min". */
export function fmtEta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `ETA ${s} s`;
  if (s < 3600) return `ETA ${Math.floor(s / 60)} min ${s % 60} s`;
  return `ETA ${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
