// The EAD tau sweep: the experiment spec (one EAD arm per tau, plus the small and the large model
// alone) and the accuracy vs large-model-share frontier drawn from the experiment's per-arm
// aggregates, with the alone arms as its end points (share 0 and 1).
import type { ArmAggregate, ExperimentArm, ExperimentSpec } from '@app/experiments';
import type { MethodConfig } from '@app/methods';
import type { ModelRef } from '@app/models';
import type { SamplingParams } from '@app/sampling';
import { defaultSampling } from '@app/sampling';

/** Arm labels of the two single-model arms of a sweep. */
export const SMALL_ALONE = 'small alone';
export const LARGE_ALONE = 'large alone';

export interface TauSweepRequest {
  name?: string;
  datasetId: string;
  itemLimit?: number;
  taus: readonly number[];
  small: ModelRef;
  large: ModelRef;
  window: number;
  minDwell: number;
  sampling?: Partial<SamplingParams>;
}

/** Arm label of a tau. */
export function tauLabel(tau: number): string {
  return `tau=${tau}`;
}

/** Parses a comma/space separated list of taus: sorted, distinct, finite and non-negative; null when any part is bad. */
export function parseTaus(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p.length > 0);
  if (parts.length === 0) return null;
  const values = parts.map(Number);
  if (values.some((v) => !Number.isFinite(v) || v < 0)) return null;
  return [...new Set(values)].sort((a, b) => a - b);
}

/** The experiment: EAD per tau, then the small and large model alone (the large one as the baseline). */
export function tauSweepSpec(r: TauSweepRequest): ExperimentSpec {
  const sampling: SamplingParams = { ...defaultSampling, ...r.sampling };
  const arms: ExperimentArm[] = r.taus.map((tau, i) => ({
    id: `ead-${i + 1}`,
    label: tauLabel(tau),
    baseline: false,
    config: { method: 'ead', models: { small: r.small, large: r.large }, params: { tau, entropyUnit: 'bits', window: r.window, minDwell: r.minDwell, dwellFor: 'both', entropySource: 'generating' }, sampling } satisfies MethodConfig,
  }));
  arms.push({ id: 'small-alone', label: SMALL_ALONE, baseline: false, config: { method: 'autoregressive', models: { model: r.small }, params: {}, sampling } });
  arms.push({ id: 'large-alone', label: LARGE_ALONE, baseline: true, config: { method: 'autoregressive', models: { model: r.large }, params: {}, sampling } });
  return {
    name: r.name ?? `EAD tau sweep (${r.taus.join(', ')})`,
    datasetId: r.datasetId,
    ...(r.itemLimit ? { itemLimit: r.itemLimit } : {}),
    arms,
    samplesPerItem: 1,
    baseSeed: 0,
  };
}

export interface FrontierPoint {
  label: string;
  /** Null for the alone arms. */
  tau: number | null;
  largeShare: number;
  accuracy: number;
  accuracyCi: { low: number; high: number } | null;
  paramWeightedCost: number | null;
  runs: number;
  kind: 'ead' | 'small' | 'large';
}

/**
 * Frontier points from the aggregates: EAD arms at their measured large share, the alone arms pinned
 * to 0 (small) and 1 (large). Arms without an accuracy yet are left out. Sorted by share, then tau.
 */
export function frontierPoints(arms: readonly ExperimentArm[], aggregates: readonly ArmAggregate[]): FrontierPoint[] {
  const byLabel = new Map(arms.map((a) => [a.label, a]));
  const out: FrontierPoint[] = [];
  for (const agg of aggregates) {
    const arm = byLabel.get(agg.arm);
    if (!arm || agg.accuracy === null) continue;
    const c = arm.config;
    let kind: FrontierPoint['kind'];
    let share: number | null;
    let tau: number | null = null;
    if (c.method === 'ead') {
      kind = 'ead';
      tau = c.params.tau;
      share = agg.largeShare;
    } else if (agg.arm === SMALL_ALONE) {
      kind = 'small';
      share = 0;
    } else if (agg.arm === LARGE_ALONE) {
      kind = 'large';
      share = 1;
    } else continue;
    if (share === null) continue;
    out.push({ label: agg.arm, tau, largeShare: share, accuracy: agg.accuracy, accuracyCi: agg.accuracyCi, paramWeightedCost: kind === 'large' ? 1 : agg.paramWeightedCost, runs: agg.runs, kind });
  }
  return out.sort((a, b) => a.largeShare - b.largeShare || (a.tau ?? 0) - (b.tau ?? 0));
}

/**
 * The upper-left envelope: points not beaten by one with lower (or equal) share and higher accuracy.
 * This is the frontier line; the rest are drawn as dominated points.
 */
export function paretoFrontier(points: readonly FrontierPoint[]): FrontierPoint[] {
  const sorted = [...points].sort((a, b) => a.largeShare - b.largeShare || b.accuracy - a.accuracy);
  const out: FrontierPoint[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (p.accuracy > best) {
      out.push(p);
      best = p.accuracy;
    }
  }
  return out;
}
