// EAD's timeline: per-token entropy (bars coloured by the model that wrote the token), the rolling
// mean the rule compares with tau, the tau line, background bands for each model's stretches, and
// vertical markers at switches labelled with the incoming model and its catch-up prefill.
import { useMemo, useState } from 'react';
import type { EChartsOption } from '../../charts/EChart';
import type { ChartColors } from '../draft-tree/chart-theme';
import { axisStyle, tipHtml, tooltipStyle, useChartColors } from '../draft-tree/chart-theme';
import { MethodChart } from '../draft-tree/MethodChart';
import type { EadSeries } from './ead-series';
import { Term } from '../../ui/Term';

export interface EntropyTimelineProps {
  series: EadSeries;
  tau: number;
  live: boolean;
}

// A log axis cannot show 0: entropies below this are drawn at it.
const LOG_FLOOR = 1e-4;

function timelineOption(c: ChartColors, s: EadSeries, tau: number, log: boolean): EChartsOption {
  const floor = (v: number) => (log ? Math.max(LOG_FLOOR, v) : v);
  const n = s.points.length;
  const ownerColor = (o: string | null) => (o === 'large' ? c.sourceStrong.large : o === 'small' ? c.sourceStrong.small : c.faint);
  const zoom = n > 160;
  return {
    animation: false,
    grid: { left: 52, right: 56, top: 22, bottom: zoom ? 50 : 30 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line' },
      ...tooltipStyle(c),
      formatter: (raw: unknown) => {
        const ps = raw as { dataIndex: number }[];
        const p = s.points[ps[0]?.dataIndex ?? -1];
        if (!p) return '';
        const sw = s.switches.find((w) => w.tokenIndex === p.index);
        const rows: [string, string][] = [
          ['written by', p.owner ?? '—'],
          ['entropy', `${p.entropy.toPrecision(3)} nats`],
          [p.rollingDerived ? 'rolling mean (recomputed)' : 'rolling mean', p.rolling.toPrecision(3)],
          ['vs tau', p.rolling > tau ? 'above: large model next' : 'at or below: small model next'],
        ];
        if (sw) rows.push(['switch', `${sw.from} → ${sw.to}, caught up ${sw.catchUpTokens} tokens in ${sw.catchUpMs.toFixed(1)} ms`]);
        return tipHtml(`#${p.index} ${JSON.stringify(p.text)}`, rows);
      },
    },
    dataZoom: zoom ? [{ type: 'inside' }, { type: 'slider', height: 14, bottom: 6 }] : undefined,
    xAxis: { type: 'category', data: s.points.map((p) => String(p.index)), ...axisStyle(c, 'token'), nameLocation: 'middle', nameGap: 20, axisTick: { show: false } },
    yAxis: log
      ? { type: 'log', min: LOG_FLOOR, ...axisStyle(c, 'entropy (nats)'), nameLocation: 'middle', nameGap: 40 }
      : { type: 'value', min: 0, ...axisStyle(c, 'entropy (nats)'), nameLocation: 'middle', nameGap: 40 },
    series: [
      {
        name: 'entropy',
        // Bars on a log axis would grow down from the top: draw dots there instead.
        ...(log ? { type: 'scatter' as const, symbolSize: 5 } : { type: 'bar' as const, barCategoryGap: '20%' }),
        data: s.points.map((p) => ({ value: floor(p.entropy), itemStyle: { color: ownerColor(p.owner), opacity: log ? 0.8 : 0.55 } })),
        markArea: {
          silent: true,
          // Each band runs to the next band's first token, so the bands meet at the switch lines.
          data: s.bands.map((b, i) => [
            { xAxis: String(b.start), itemStyle: { color: b.owner === 'large' ? c.source.large : c.source.small, opacity: 0.35 } },
            { xAxis: String(s.bands[i + 1]?.start ?? b.end) },
          ]),
        },
      },
      {
        name: 'rolling mean',
        type: 'line' as const,
        data: s.points.map((p) => floor(p.rolling)),
        symbol: 'none',
        lineStyle: { width: 2, color: c.text },
        itemStyle: { color: c.text },
        markLine: {
          silent: true,
          symbol: 'none',
          data: [
            ...s.switches.map((w) => ({
              xAxis: String(w.tokenIndex),
              lineStyle: { color: w.to === 'large' ? c.sourceStrong.large : c.sourceStrong.small, width: 1.5, type: 'solid' as const },
              label: { formatter: `→${w.to === 'large' ? 'L' : 'S'} +${w.catchUpTokens}`, color: w.to === 'large' ? c.sourceStrong.large : c.sourceStrong.small, fontSize: 9, position: 'end' as const },
            })),
          ],
        },
      },
      {
        // tau as its own series (a markLine at a y value is not drawn on a log axis).
        name: 'τ',
        type: 'line' as const,
        data: s.points.map(() => floor(tau)),
        symbol: 'none',
        silent: true,
        lineStyle: { color: c.danger, type: 'dashed' as const, width: 1.5 },
        itemStyle: { color: c.danger },
        endLabel: { show: true, formatter: `τ ${tau}`, color: c.danger, fontSize: 10 },
        z: 3,
      },
    ],
  };
}

/** The entropy timeline chart with its scale switch. */
export function EntropyTimeline({ series, tau, live }: EntropyTimelineProps) {
  const c = useChartColors();
  // Entropies span orders of magnitude: start on a log axis when tau would sit flat at the bottom.
  const [logChoice, setLog] = useState<boolean | null>(null);
  const log = logChoice ?? series.maxValue > 8 * tau;
  const option = useMemo(() => timelineOption(c, series, tau, log), [c, series, tau, log]);
  return (
    <div>
      <div className="mp-chart-title">
        Entropy and switches
        <span className="mp-chart-sub">
          {log ? 'dots' : 'bars'}: token entropy by writer · line: rolling mean · dashed: τ = {tau} · vertical: switches (<Term term="→L / →S">→L/→S +n</Term>: the incoming model and its <Term term="catch-up tokens" />)
        </span>
        <span className="spacer" />
        <label className="dt-check mp-chart-sub">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.currentTarget.checked)} /> log scale
        </label>
      </div>
      <div data-testid="ead-timeline" data-tau={tau} data-switches={series.switches.length}>
        <MethodChart option={option} height={240} label={`Entropy per token with rolling mean and tau ${tau}`} points={series.points.length} throttleMs={live ? 300 : 0} />
      </div>
    </div>
  );
}
