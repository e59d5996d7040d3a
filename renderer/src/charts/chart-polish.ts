// Readability rules applied to every chart's option before it is drawn, so each feature's chart gets
// them without repeating them: a legend of few series is laid out plain (never paginated "1/2"),
// category axes with few categories show every label (truncated rather than skipped), scatter labels
// that would collide are hidden, scatters zoom (wheel and drag, both axes), and every axis name stays
// inside the chart. Pure: option in, option out; explicit settings in the option win where noted.
import type { EChartsOption } from 'echarts';

/** Legends with at most this many entries are plain. */
export const PLAIN_LEGEND_MAX = 8;
/** Category axes with at most this many categories show every label. */
export const ALL_LABELS_MAX = 16;

type Obj = Record<string, unknown>;

function list(v: unknown): Obj[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]) as Obj[];
}

function same<T>(original: unknown, items: T[]): T | T[] {
  return Array.isArray(original) ? items : items[0]!;
}

/** The option with the readability rules applied. */
export function polishOption(option: EChartsOption): EChartsOption {
  const out: Obj = { ...(option as Obj) };
  const series = list(out.series);

  if (out.legend) {
    const legends = list(out.legend).map((l) => {
      const entries = Array.isArray(l.data) ? l.data.length : series.length;
      return l.type === 'scroll' && entries <= PLAIN_LEGEND_MAX ? { ...l, type: 'plain' } : l;
    });
    out.legend = same(out.legend, legends);
  }

  for (const axisKey of ['xAxis', 'yAxis'] as const) {
    if (!out[axisKey]) continue;
    const axes = list(out[axisKey]).map((a) => {
      if (a.type !== 'category' || !Array.isArray(a.data) || a.data.length > ALL_LABELS_MAX) return a;
      const label = (a.axisLabel ?? {}) as Obj;
      if (label.interval !== undefined) return a;
      return { ...a, axisLabel: { interval: 0, hideOverlap: false, overflow: 'truncate', width: axisKey === 'xAxis' ? 96 : 120, ...label } };
    });
    out[axisKey] = same(out[axisKey], axes);
  }

  const scatter = series.some((s) => s.type === 'scatter');
  if (scatter) {
    out.series = same(
      out.series,
      series.map((s) => (s.type === 'scatter' && s.label ? { ...s, labelLayout: { hideOverlap: true, moveOverlap: 'shiftY', ...((s.labelLayout as Obj | undefined) ?? {}) } } : s)),
    );
    if (!out.dataZoom) out.dataZoom = [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'inside', yAxisIndex: 0, filterMode: 'none' }];
  }
  return out as EChartsOption;
}

/** The chart's series data as tab-separated text (a header row, then one row per point), for the clipboard. */
export function seriesTable(option: EChartsOption): string {
  const rows: string[] = ['series\tx\ty\tvalue'];
  const obj = option as Obj;
  const xAxis = list(obj.xAxis)[0];
  const categories = Array.isArray(xAxis?.data) ? (xAxis.data as unknown[]) : null;
  for (const s of list(obj.series)) {
    const name = String(s.name ?? s.type ?? '');
    const data = Array.isArray(s.data) ? (s.data as unknown[]) : [];
    data.forEach((d, i) => {
      const v = d !== null && typeof d === 'object' && !Array.isArray(d) ? (d as Obj).value : d;
      const cells = Array.isArray(v) ? v.map(String) : [categories ? String(categories[i] ?? i) : String(i), String(v ?? '')];
      rows.push([name, ...cells].join('\t'));
    });
  }
  return rows.join('\n');
}
