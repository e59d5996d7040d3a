// The series an entropy-adaptive (EAD) run is drawn from: per token its entropy, the rolling mean the
// switching rule compared with tau, and the model that wrote it; the runs of tokens each model owned
// (background bands); the switches with their catch-up prefills; and the run's summary (large-model
// share, switches, parameter-weighted cost when the run's metrics carry it).
import type { SwitchEvent, TokenEvent, TraceEvent } from '@app/events';
import type { RunMetrics } from '@app/runs';

export type Owner = 'small' | 'large';

export interface EntropyPoint {
  index: number;
  text: string;
  entropy: number;
  /** The engine's rolling mean after this token, or the mean over `window` recomputed when absent. */
  rolling: number;
  /** True when `rolling` was recomputed here (the event carried none). */
  rollingDerived: boolean;
  owner: Owner | null;
}

export interface OwnerBand {
  owner: Owner;
  /** First and last token index of the band (inclusive). */
  start: number;
  end: number;
}

export interface SwitchMarker {
  tokenIndex: number;
  from: Owner;
  to: Owner;
  rollingEntropy: number;
  catchUpTokens: number;
  catchUpMs: number;
}

export interface EadSeries {
  points: EntropyPoint[];
  bands: OwnerBand[];
  switches: SwitchMarker[];
  /** Largest entropy or rolling value (for the axis), at least tau. */
  maxValue: number;
}

export interface EadSummary {
  tokens: number;
  largeTokens: number;
  smallTokens: number;
  /** Share of tokens by the large model (from the stream; the metrics' value when finished). */
  largeShare: number | null;
  switches: number;
  catchUpTokens: number;
  catchUpMs: number;
  paramWeightedCost: number | null;
}

function ownerOf(t: TokenEvent): Owner | null {
  return t.source === 'small' || t.source === 'large' ? t.source : null;
}

/** Derives the series from the run's events; `window` and `tau` from its config. */
export function eadSeries(events: readonly TraceEvent[], window: number, tau: number): EadSeries {
  const points: EntropyPoint[] = [];
  const switches: SwitchMarker[] = [];
  const recent: number[] = [];
  let maxValue = tau;
  for (const e of events) {
    if (e.kind === 'token') {
      recent.push(e.entropy);
      if (recent.length > window) recent.shift();
      const derived = e.rollingEntropy === undefined;
      const rolling = derived ? recent.reduce((a, b) => a + b, 0) / recent.length : e.rollingEntropy!;
      points.push({ index: e.index, text: e.text, entropy: e.entropy, rolling, rollingDerived: derived, owner: ownerOf(e) });
      maxValue = Math.max(maxValue, e.entropy, rolling);
    } else if (e.kind === 'switch') {
      switches.push(switchMarker(e));
    }
  }
  return { points, bands: ownerBands(points), switches, maxValue };
}

function switchMarker(e: SwitchEvent): SwitchMarker {
  return { tokenIndex: e.tokenIndex, from: e.from, to: e.to, rollingEntropy: e.rollingEntropy, catchUpTokens: e.catchUpTokens, catchUpMs: e.catchUpMs };
}

/** Maximal runs of consecutive tokens with the same owner. */
export function ownerBands(points: readonly Pick<EntropyPoint, 'index' | 'owner'>[]): OwnerBand[] {
  const bands: OwnerBand[] = [];
  for (const p of points) {
    if (!p.owner) continue;
    const last = bands[bands.length - 1];
    if (last && last.owner === p.owner && last.end === p.index - 1) last.end = p.index;
    else bands.push({ owner: p.owner, start: p.index, end: p.index });
  }
  return bands;
}

/** The run's summary; values from the finished run's metrics win over the stream's. */
export function eadSummary(series: EadSeries, metrics: RunMetrics | null | undefined): EadSummary {
  let largeTokens = 0;
  let smallTokens = 0;
  for (const p of series.points) {
    if (p.owner === 'large') largeTokens++;
    else if (p.owner === 'small') smallTokens++;
  }
  const owned = largeTokens + smallTokens;
  return {
    tokens: series.points.length,
    largeTokens,
    smallTokens,
    largeShare: metrics?.largeShare ?? (owned > 0 ? largeTokens / owned : null),
    switches: metrics?.switches ?? series.switches.length,
    catchUpTokens: series.switches.reduce((a, s) => a + s.catchUpTokens, 0),
    catchUpMs: series.switches.reduce((a, s) => a + s.catchUpMs, 0),
    paramWeightedCost: metrics?.paramWeightedCost ?? null,
  };
}

/** Points at which the rolling mean crosses tau upward or downward (between two consecutive tokens). */
export function tauCrossings(points: readonly Pick<EntropyPoint, 'index' | 'rolling'>[], tau: number): { index: number; up: boolean }[] {
  const out: { index: number; up: boolean }[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!.rolling > tau;
    const b = points[i]!.rolling > tau;
    if (a !== b) out.push({ index: points[i]!.index, up: b });
  }
  return out;
}
