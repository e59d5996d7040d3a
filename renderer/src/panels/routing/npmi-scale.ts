// The nPMI heatmap's data and colour scale: cells (layer x expert) with their value and routing
// frequency, a diverging scale symmetric around 0 (so equal magnitudes get equal strength on both
// sides and 0 is the neutral midpoint), and which cells are the table's chosen top experts.
import type { NpmiTable } from '@app/api';
import type { ExpertId } from '@app/methods';

export interface NpmiCell {
  layer: number;
  expert: number;
  /** Null where the expert never co-occurred with a marker. */
  npmi: number | null;
  frequency: number;
  top: boolean;
  /** Rank among the table's top experts (0-based), null when not one. */
  topRank: number | null;
}

/** Cells in row-major order (layer, then expert). */
export function npmiCells(table: Pick<NpmiTable, 'npmi' | 'frequency' | 'top'>): NpmiCell[] {
  const rank = new Map(table.top.map((t, i) => [`${t.layer}:${t.expert}`, i]));
  const out: NpmiCell[] = [];
  table.npmi.forEach((row, layer) => {
    row.forEach((v, expert) => {
      const r = rank.get(`${layer}:${expert}`);
      out.push({ layer, expert, npmi: v, frequency: table.frequency[layer]?.[expert] ?? 0, top: r !== undefined, topRank: r ?? null });
    });
  });
  return out;
}

/**
 * Symmetric bound of the diverging scale: the largest |nPMI| in the table, rounded up to a tidy step
 * (0.05) and at most 1 (nPMI's own range); 0.05 for an all-zero or empty table so the scale is never flat.
 */
export function npmiExtent(table: Pick<NpmiTable, 'npmi'>): number {
  let m = 0;
  for (const row of table.npmi) for (const v of row) if (v !== null && Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  if (m === 0) return 0.05;
  return Math.min(1, Math.ceil(m / 0.05 - 1e-9) * 0.05);
}

/** Position of a value on the diverging scale: -1 (most negative) .. 0 (neutral) .. 1, clamped. */
export function divergingPosition(value: number, extent: number): number {
  if (extent <= 0) return 0;
  return Math.max(-1, Math.min(1, value / extent));
}

type Rgb = [number, number, number];

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as Rgb;
}

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Endpoints of the diverging scale (blue for negative, red for positive) around a neutral midpoint. */
export interface DivergingPalette {
  negative: Rgb;
  neutral: Rgb;
  positive: Rgb;
}

/** Palettes for the light and dark themes (the neutral midpoint matches each theme's muted background). */
export const lightPalette: DivergingPalette = { negative: [44, 100, 184], neutral: [244, 244, 246], positive: [196, 58, 48] };
export const darkPalette: DivergingPalette = { negative: [93, 150, 240], neutral: [40, 41, 47], positive: [240, 108, 96] };

/** Colour of a value on the diverging scale. */
export function divergingColor(value: number, extent: number, palette: DivergingPalette = lightPalette): string {
  const t = divergingPosition(value, extent);
  return hex(t < 0 ? mix(palette.neutral, palette.negative, -t) : mix(palette.neutral, palette.positive, t));
}

/** Colour stops for a continuous legend (echarts visualMap inRange.color), negative to positive. */
export function divergingStops(palette: DivergingPalette = lightPalette, steps = 9): string[] {
  const half = (steps - 1) / 2;
  return Array.from({ length: steps }, (_, i) => divergingColor((i - half) / half, 1, palette));
}

/** Whether `id` is in a list of experts. */
export function hasExpert(list: readonly ExpertId[], id: ExpertId): boolean {
  return list.some((e) => e.layer === id.layer && e.expert === id.expert);
}

/** Toggles `id` in a list of experts (keeps the list's order, appends when new). */
export function toggleExpert(list: readonly ExpertId[], id: ExpertId): ExpertId[] {
  return hasExpert(list, id) ? list.filter((e) => !(e.layer === id.layer && e.expert === id.expert)) : [...list, { layer: id.layer, expert: id.expert }];
}

/** "L2/E7" */
export function expertLabel(e: ExpertId): string {
  return `L${e.layer}/E${e.expert}`;
}
