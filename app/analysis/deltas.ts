// Deltas of an arm against the baseline, for the green/red badges of the aggregate table (Weave's
// comparison summary): each says how much the arm differs and whether that is better.
import type { ArmAggregate } from '../experiments';

export interface Delta {
  metric: 'accuracy' | 'latency' | 'decodeTokensPerS' | 'meanNewTokens';
  /** The badge text, e.g. "+6.7 pt", "1.84x faster", "-12%". */
  text: string;
  /** True when better than the baseline, false when worse, null when equal or not comparable. */
  better: boolean | null;
}

function signed(n: number, digits: number): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(digits)}`;
}

function verdict(diff: number, higherIsBetter: boolean, epsilon: number): boolean | null {
  if (Math.abs(diff) <= epsilon) return null;
  return diff > 0 === higherIsBetter;
}

/**
 * The badges of `arm` against `baseline`: accuracy difference in percentage points, speedup (from
 * the paired latency), decode throughput and generated length as relative changes. Empty for the
 * baseline itself; a metric missing on either side gives no badge.
 */
export function deltasAgainstBaseline(arm: ArmAggregate, baseline: ArmAggregate | null): Delta[] {
  if (!baseline || arm.arm === baseline.arm) return [];
  const out: Delta[] = [];
  if (arm.accuracy !== null && baseline.accuracy !== null) {
    const diff = (arm.accuracy - baseline.accuracy) * 100;
    out.push({ metric: 'accuracy', text: `${signed(diff, 1)} pt`, better: verdict(diff, true, 0.05) });
  }
  if (arm.speedup !== null) {
    out.push({ metric: 'latency', text: arm.speedup >= 1 ? `${arm.speedup.toFixed(2)}x faster` : `${(1 / arm.speedup).toFixed(2)}x slower`, better: verdict(arm.speedup - 1, true, 0.005) });
  }
  if (arm.decodeTokensPerS !== null && baseline.decodeTokensPerS) {
    const change = (arm.decodeTokensPerS / baseline.decodeTokensPerS - 1) * 100;
    out.push({ metric: 'decodeTokensPerS', text: `${signed(change, 0)}% tok/s`, better: verdict(change, true, 0.5) });
  }
  if (arm.meanNewTokens !== null && baseline.meanNewTokens) {
    const change = (arm.meanNewTokens / baseline.meanNewTokens - 1) * 100;
    // Length is reported, not judged: shorter is not better in itself.
    out.push({ metric: 'meanNewTokens', text: `${signed(change, 0)}% tokens`, better: null });
  }
  return out;
}
