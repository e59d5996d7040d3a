// ECharts options for the Compare page's charts, built from the per-arm aggregates: accuracy against
// latency (with the 95% interval as a whisker), one metric per arm as bars, acceptance by draft
// position, and the repeated-sampling curves (coverage@k from pass@k against majority vote@k).
import type { EChartsOption } from 'echarts';
import type { ArmAggregate } from '@app/experiments';
import type { SamplingCurves } from './repeated-sampling';

export type BarMetric = 'accuracy' | 'speedup' | 'meanLatencyMs' | 'decodeTokensPerS' | 'meanNewTokens';

export const barMetrics: { id: BarMetric; label: string }[] = [
  { id: 'accuracy', label: 'Accuracy %' },
  { id: 'speedup', label: 'Speedup' },
  { id: 'meanLatencyMs', label: 'Mean latency ms' },
  { id: 'decodeTokensPerS', label: 'Decode tok/s' },
  { id: 'meanNewTokens', label: 'Tokens' },
];

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** ECharts' default palette, assigned by arm so that an arm keeps its color across series and charts. */
const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'];

/** The color of the arm at `index` in the experiment's arm order. */
export function armColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

/** The compute axes accuracy is charted against: wall time, or tokens generated (every sample counted). */
export type ComputeAxis = 'meanLatencyMs' | 'meanGeneratedTokens';

export const computeAxes: { id: ComputeAxis; label: string; axis: string }[] = [
  { id: 'meanLatencyMs', label: 'vs latency', axis: 'mean latency (ms)' },
  { id: 'meanGeneratedTokens', label: 'vs tokens generated', axis: 'mean tokens generated per run (all samples)' },
];

/** Accuracy (%) against mean latency (ms), one point per arm, each with its 95% interval. */
export function accuracyLatencyOption(aggregates: readonly ArmAggregate[]): EChartsOption {
  return accuracyComputeOption(aggregates, 'meanLatencyMs');
}

/** Accuracy (%) against a compute axis (latency, or tokens generated across every sample), one point per arm with its 95% interval. */
export function accuracyComputeOption(aggregates: readonly ArmAggregate[], axis: ComputeAxis): EChartsOption {
  const x = (a: ArmAggregate) => a[axis] ?? null;
  const arms = aggregates.map((a, i) => ({ a, color: armColor(i) })).filter(({ a }) => a.accuracy !== null && x(a) !== null);
  return {
    tooltip: { trigger: 'item' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 24, top: 48, bottom: 44 },
    xAxis: { type: 'value', name: computeAxes.find((c) => c.id === axis)!.axis, nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: 'accuracy %', min: 0, max: 100 },
    series: arms.flatMap(({ a, color }) => [
      {
        type: 'scatter' as const,
        name: a.arm,
        itemStyle: { color },
        symbolSize: a.baseline ? 16 : 12,
        symbol: a.baseline ? 'diamond' : 'circle',
        data: [[round(x(a)!, 1), round(a.accuracy! * 100, 1)]],
        label: { show: true, formatter: a.arm, position: 'right' as const },
      },
      ...(a.accuracyCi
        ? [
            {
              type: 'line' as const,
              name: a.arm,
              data: [
                [round(x(a)!, 1), round(a.accuracyCi.low * 100, 1)],
                [round(x(a)!, 1), round(a.accuracyCi.high * 100, 1)],
              ],
              symbol: 'none',
              itemStyle: { color },
              lineStyle: { width: 1.5, opacity: 0.6, color },
              tooltip: { show: false },
            },
          ]
        : []),
    ]),
  };
}

/** One metric per arm as bars (accuracy in %). */
export function armBarsOption(aggregates: readonly ArmAggregate[], metric: BarMetric): EChartsOption {
  const label = barMetrics.find((m) => m.id === metric)!.label;
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 56, right: 24, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: aggregates.map((a) => a.arm) },
    yAxis: { type: 'value', name: label },
    series: [
      {
        type: 'bar',
        name: label,
        data: aggregates.map((a, i) => {
          const v = a[metric];
          return { value: v === null ? null : round(metric === 'accuracy' ? v * 100 : v), itemStyle: { color: armColor(i) } };
        }),
        label: { show: true, position: 'top' },
      },
    ],
  };
}

/** Per-position acceptance rate, one line per arm that drafts; null when no arm does. */
export function acceptanceOption(aggregates: readonly ArmAggregate[]): EChartsOption | null {
  const arms = aggregates.map((a, i) => ({ a, color: armColor(i) })).filter(({ a }) => a.perPositionAcceptance && a.perPositionAcceptance.length > 0);
  if (arms.length === 0) return null;
  const positions = Math.max(...arms.map(({ a }) => a.perPositionAcceptance!.length));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 24, top: 48, bottom: 44 },
    xAxis: { type: 'category', name: 'draft position', nameLocation: 'middle', nameGap: 28, data: Array.from({ length: positions }, (_, i) => String(i + 1)) },
    yAxis: { type: 'value', name: 'accepted / rounds', min: 0, max: 1 },
    series: arms.map(({ a, color }) => ({ type: 'line' as const, name: a.arm, itemStyle: { color }, lineStyle: { color }, data: a.perPositionAcceptance!.map((p) => round(p, 3)) })),
  };
}

/** Coverage@k (mean unbiased pass@k) and majority vote@k per arm, k = 1..n. */
export function repeatedSamplingOption(curves: readonly SamplingCurves[], samples: number): EChartsOption {
  const pct = (v: number | null) => (v === null ? null : round(v * 100, 1));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 24, top: 48, bottom: 44 },
    xAxis: { type: 'category', name: 'k (samples)', nameLocation: 'middle', nameGap: 28, data: Array.from({ length: samples }, (_, i) => String(i + 1)) },
    yAxis: { type: 'value', name: '% of items', min: 0, max: 100 },
    series: curves.flatMap((c, i) => [
      { type: 'line' as const, name: `${c.arm} coverage`, data: c.coverage.map(pct), itemStyle: { color: armColor(i) }, lineStyle: { color: armColor(i) } },
      { type: 'line' as const, name: `${c.arm} majority`, data: c.majority.map(pct), itemStyle: { color: armColor(i) }, lineStyle: { color: armColor(i), type: 'dashed' as const } },
    ]),
  };
}
