// The coverage chart of one repeated-sampling arm (ECharts option): k on a log-2 axis; coverage@k
// (pass@k) as points with the fitted exponentiated power law exp(a k^b) as a line (Brown et al. 2024
// eq. 2-3), majority vote@k, verifier best-of-k, resample-until-accepted@k, and the fLaws bound
// c r / (c r + (1 - r) fpr) (Stroebl et al. 2024) as a horizontal line.
import type { EChartsOption } from 'echarts';
import { powerLawCoverage } from '@app/analysis/coverage-fit';
import type { ArmScaling } from './scaling-curves';

const pct = (v: number | null) => (v === null ? null : Number((v * 100).toFixed(1)));
const pairs = (curve: readonly (number | null)[]) => curve.map((v, i) => [i + 1, pct(v)] as [number, number | null]).filter(([, v]) => v !== null);

/** The chart's legend text for each series, also its tooltip's. */
export const SCALING_SERIES = {
  coverage: 'coverage (pass@k)',
  fit: 'power-law fit exp(a·k^b)',
  majority: 'majority vote@k',
  verifier: 'verifier best-of-k',
  resample: 'resample until accepted@k',
  bound: 'fLaws bound c·r / (c·r + (1−r)·fpr)',
} as const;

/** The option for one arm's chart. */
export function scalingOption(s: ArmScaling): EChartsOption {
  const fitLine: [number, number][] = [];
  if (s.fit) {
    for (let i = 0; i <= 48; i++) {
      const k = Math.pow(s.maxK, i / 48);
      fitLine.push([Number(k.toFixed(3)), Number((powerLawCoverage(s.fit, k) * 100).toFixed(2))]);
    }
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 24, top: 56, bottom: 44 },
    xAxis: { type: 'log', logBase: 2, name: 'k (samples, log scale)', nameLocation: 'middle', nameGap: 28, min: 1, max: Math.max(2, s.maxK) },
    yAxis: { type: 'value', name: '% of items', min: 0, max: 100 },
    series: [
      { type: 'scatter', name: SCALING_SERIES.coverage, data: pairs(s.coverage), symbolSize: 7, itemStyle: { color: '#5470c6' } },
      ...(s.fit ? [{ type: 'line' as const, name: SCALING_SERIES.fit, data: fitLine, showSymbol: false, lineStyle: { color: '#5470c6', type: 'dashed' as const } }] : []),
      { type: 'line', name: SCALING_SERIES.majority, data: pairs(s.majority), itemStyle: { color: '#91cc75' } },
      { type: 'line', name: SCALING_SERIES.verifier, data: pairs(s.verifierBestOfK), itemStyle: { color: '#fc8452' } },
      { type: 'line', name: SCALING_SERIES.resample, data: pairs(s.resample), itemStyle: { color: '#9a60b4' }, lineStyle: { type: 'dotted' } },
      ...(s.bound !== null
        ? [{ type: 'line' as const, name: SCALING_SERIES.bound, data: [[1, pct(s.bound)], [Math.max(2, s.maxK), pct(s.bound)]], showSymbol: false, lineStyle: { color: '#ee6666', width: 2 }, itemStyle: { color: '#ee6666' } }]
        : []),
    ],
  };
}
