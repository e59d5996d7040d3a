// Per-token routing heatmap: generated tokens across, (MoE layer, expert) rows down grouped by layer,
// each cell the gate weight the token gave that expert (or 1 where only the selection is known); the
// steered experts' rows labelled and banded so their use stands out.
import { useMemo } from 'react';
import type { EChartsOption } from '../../charts/EChart';
import type { ExpertId } from '@app/methods';
import type { ChartColors } from '../draft-tree/chart-theme';
import { axisStyle, tipHtml, tooltipStyle, useChartColors } from '../draft-tree/chart-theme';
import { MethodChart } from '../draft-tree/MethodChart';
import { expertLabel, hasExpert } from './npmi-scale';
import type { RoutingMatrix } from './routing';
import { routingCells } from './routing';

export interface RoutingHeatmapProps {
  matrix: RoutingMatrix;
  steered: readonly ExpertId[];
  live: boolean;
}

const ROW_PX = 12;

function option(c: ChartColors, m: RoutingMatrix, steered: readonly ExpertId[]): EChartsOption {
  const rows = m.layers * m.experts;
  const rowId = (r: number): ExpertId => ({ layer: Math.floor(r / m.experts), expert: r % m.experts });
  const cells = routingCells(m);
  const zoom = m.tokens.length > 100;
  const steeredRows = steered.filter((e) => e.layer < m.layers && e.expert < m.experts).map((e) => e.layer * m.experts + e.expert);
  return {
    animation: false,
    grid: { left: 64, right: 56, top: 8, bottom: zoom ? 48 : 28 },
    tooltip: {
      ...tooltipStyle(c),
      formatter: (raw: unknown) => {
        const e = raw as { value: [number, number, number] };
        const [x, r, w] = e.value;
        const t = m.tokens[x];
        const id = rowId(r);
        return tipHtml(`#${t?.index ?? x} ${JSON.stringify(t?.text ?? '')}`, [
          ['expert', `${expertLabel(id)}${hasExpert(steered, id) ? ' (steered)' : ''}`],
          [m.weighted ? 'gate weight' : 'selected', m.weighted ? w.toFixed(3) : 'yes'],
          ['layer routing', (t?.experts[id.layer] ?? []).map((x2, k) => `E${x2}${t?.weights ? ` ${t.weights[id.layer]?.[k]?.toFixed(2)}` : ''}`).join(', ')],
        ]);
      },
    },
    dataZoom: zoom ? [{ type: 'inside', xAxisIndex: 0 }, { type: 'slider', xAxisIndex: 0, height: 14, bottom: 6 }] : undefined,
    xAxis: {
      type: 'category',
      data: m.tokens.map((t) => t.text),
      ...axisStyle(c),
      splitLine: { show: false },
      axisLabel: { color: c.muted, fontSize: 10, interval: 'auto', formatter: (v: string) => JSON.stringify(v).slice(1, -1).slice(0, 6) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: Array.from({ length: rows }, (_, r) => String(r)),
      ...axisStyle(c),
      axisTick: { show: false },
      axisLabel: {
        interval: 0,
        fontSize: 10,
        color: c.muted,
        formatter: (v: string) => {
          const r = Number(v);
          const id = rowId(r);
          if (steeredRows.includes(r)) return `{s|${expertLabel(id)} ▶}`;
          return id.expert === 0 ? `{l|L${id.layer}} E0` : `E${id.expert}`;
        },
        rich: { s: { color: c.danger, fontWeight: 'bold', fontSize: 10 }, l: { color: c.text, fontWeight: 'bold', fontSize: 10 } },
      },
      splitArea: { show: false },
    },
    visualMap: {
      min: 0,
      max: 1,
      calculable: false,
      orient: 'vertical',
      right: 4,
      top: 'middle',
      itemHeight: 120,
      itemWidth: 10,
      text: [m.weighted ? 'weight 1' : 'selected', '0'],
      textStyle: { color: c.muted, fontSize: 10 },
      inRange: { color: [c.bg, c.accent] },
    },
    series: [
      {
        name: 'routing',
        type: 'heatmap' as const,
        data: cells,
        progressive: 0,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: c.border, width: 1, type: 'solid' },
          label: { show: false },
          data: Array.from({ length: Math.max(0, m.layers - 1) }, (_, l) => ({ yAxis: String((l + 1) * m.experts) })),
        },
        markArea: {
          silent: true,
          itemStyle: { color: c.danger, opacity: 0.08, borderColor: c.danger, borderWidth: 1 },
          data: steeredRows.map((r) => [{ yAxis: String(r) }, { yAxis: String(r) }]),
        },
      },
    ],
  };
}

/** The heatmap. */
export function RoutingHeatmap({ matrix, steered, live }: RoutingHeatmapProps) {
  const c = useChartColors();
  const opt = useMemo(() => option(c, matrix, steered), [c, matrix, steered]);
  const height = Math.max(160, matrix.layers * matrix.experts * ROW_PX + 56);
  return (
    <div data-testid="routing-heatmap" data-tokens={matrix.tokens.length} data-rows={matrix.layers * matrix.experts}>
      <MethodChart option={opt} height={height} label={`Routing of ${matrix.tokens.length} tokens over ${matrix.layers} MoE layers of ${matrix.experts} experts`} points={matrix.tokens.length} throttleMs={live ? 500 : 0} />
    </div>
  );
}
