// Accuracy vs large-model share of an EAD tau sweep: every arm as a point labelled by its tau (the
// small and large model alone at shares 0 and 1) joined in order of share; the Pareto-optimal points
// (no other arm is as accurate with less of the large model) are drawn solid, the others faded.
import { useMemo } from 'react';
import type { EChartsOption } from '../../charts/EChart';
import type { ChartColors } from '../draft-tree/chart-theme';
import { axisStyle, tipHtml, tooltipStyle, useChartColors } from '../draft-tree/chart-theme';
import { MethodChart } from '../draft-tree/MethodChart';
import type { FrontierPoint } from './tau-sweep';
import { paretoFrontier } from './tau-sweep';

export interface FrontierChartProps {
  points: readonly FrontierPoint[];
}

function option(c: ChartColors, points: readonly FrontierPoint[]): EChartsOption {
  const frontier = paretoFrontier(points);
  const label = (p: FrontierPoint) => (p.kind === 'ead' ? `τ=${p.tau}` : p.kind === 'small' ? 'small alone' : 'large alone');
  const color = (p: FrontierPoint) => (p.kind === 'large' ? c.sourceStrong.large : p.kind === 'small' ? c.sourceStrong.small : c.accent);
  return {
    animation: false,
    grid: { left: 48, right: 48, top: 28, bottom: 40 },
    tooltip: {
      trigger: 'item',
      ...tooltipStyle(c),
      formatter: (raw: unknown) => {
        const e = raw as { data: { point: FrontierPoint } };
        const p = e.data.point;
        const rows: [string, string][] = [
          ['accuracy', `${(p.accuracy * 100).toFixed(1)}%${p.accuracyCi ? ` (95% CI ${(p.accuracyCi.low * 100).toFixed(0)}–${(p.accuracyCi.high * 100).toFixed(0)}%)` : ''}`],
          ['large-model share', `${(p.largeShare * 100).toFixed(1)}%${p.kind === 'ead' ? '' : ' (by definition)'}`],
          ['runs', String(p.runs)],
        ];
        if (p.paramWeightedCost !== null) rows.push(['param-weighted cost', p.paramWeightedCost.toFixed(3)]);
        return tipHtml(label(p), rows);
      },
    },
    xAxis: { type: 'value', min: 0, max: 1, ...axisStyle(c, 'large-model share of tokens'), nameLocation: 'middle', nameGap: 24, axisLabel: { color: c.muted, fontSize: 10, formatter: (v: number) => `${Math.round(v * 100)}%` } },
    yAxis: { type: 'value', min: 0, max: 1, ...axisStyle(c, 'accuracy'), nameLocation: 'middle', nameGap: 34, axisLabel: { color: c.muted, fontSize: 10, formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      {
        name: 'sweep',
        type: 'line' as const,
        data: points.map((p) => [p.largeShare, p.accuracy]),
        symbol: 'none',
        lineStyle: { color: c.accent, width: 1.5, opacity: 0.6 },
        silent: true,
      },
      {
        name: 'arms',
        type: 'scatter' as const,
        symbolSize: 10,
        data: points.map((p) => ({
          value: [p.largeShare, p.accuracy],
          point: p,
          symbol: p.kind === 'ead' ? 'circle' : 'diamond',
          itemStyle: { color: color(p), opacity: frontier.includes(p) ? 1 : 0.45 },
          label: { show: true, opacity: 1, formatter: label(p), position: p.largeShare > 0.9 ? ('left' as const) : p.largeShare < 0.1 ? ('right' as const) : ('top' as const), color: c.muted, fontSize: 10 },
        })),
      },
    ],
  };
}

/** The frontier scatter. */
export function FrontierChart({ points }: FrontierChartProps) {
  const c = useChartColors();
  const opt = useMemo(() => option(c, points), [c, points]);
  return <MethodChart option={opt} height={280} label="Accuracy against large-model share, one point per tau" points={points.length} testId="tau-frontier" />;
}
