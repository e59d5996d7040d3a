// Acceptance analytics of a speculative run: the summary (mean acceptance length, draft acceptance
// rate, draft vs verify time), unconditional acceptance by draft position (bars, with other runs of
// the same prompt overlaid), and acceptance length per round over the run (click a point to open
// that round's tree). Computed from the rounds while live, from the run's metrics once finished.
import { useMemo, useState } from 'react';
import type { EChartsOption } from '../../charts/EChart';
import type { DraftRoundEvent } from '@app/events';
import type { RunRecord } from '@app/runs';
import type { RoundAcceptance } from './acceptance';
import { perPositionFor, summarizeAcceptance } from './acceptance';
import type { ChartColors } from './chart-theme';
import { axisStyle, tipHtml, tooltipStyle, useChartColors } from './chart-theme';
import type { ChartClick } from './MethodChart';
import { MethodChart } from './MethodChart';
import type { CompareSeries } from './MethodCompare';
import { MethodCompare } from './MethodCompare';
import { StatTile } from './StatTile';

export interface AcceptancePanelProps {
  run: RunRecord;
  rounds: readonly DraftRoundEvent[];
  rows: readonly RoundAcceptance[];
  live: boolean;
  /** Index (into rounds) shown in the tree. */
  selected: number;
  onSelectRound: (index: number) => void;
}

function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

function fmt(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

/** Overlay line colours: the palette without its green, which the accepted-token bars use. */
function overlayColor(c: ChartColors, i: number): string {
  const colors = c.series.filter((_, k) => k !== 1);
  return colors[i % colors.length]!;
}

function positionOption(c: ChartColors, values: readonly number[], overlays: readonly CompareSeries[], label: string): EChartsOption {
  const n = Math.max(values.length, ...overlays.map((o) => o.values.length));
  const categories = Array.from({ length: n }, (_, i) => String(i + 1));
  return {
    animation: false,
    grid: { left: 40, right: 12, top: overlays.length > 0 ? 34 : 14, bottom: 30 },
    legend: overlays.length > 0 ? { type: 'scroll' as const, top: 0, left: 0, right: 0, textStyle: { color: c.muted, fontSize: 11 }, itemHeight: 8, itemWidth: 14, pageTextStyle: { color: c.muted } } : undefined,
    tooltip: {
      trigger: 'axis',
      ...tooltipStyle(c),
      formatter: (raw: unknown) => {
        const ps = raw as { axisValue: string; seriesName: string; value: number }[];
        return tipHtml(`position ${ps[0]?.axisValue ?? ''}`, ps.map((p) => [p.seriesName, `${(p.value * 100).toFixed(1)}%`] as const));
      },
    },
    xAxis: { type: 'category', data: categories, ...axisStyle(c, 'draft position'), nameLocation: 'middle', nameGap: 20 },
    yAxis: { type: 'value', min: 0, max: 1, ...axisStyle(c), axisLabel: { color: c.muted, fontSize: 10, formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      { name: label, type: 'bar' as const, data: [...values], itemStyle: { color: c.sourceStrong.draft_accepted, borderRadius: [2, 2, 0, 0] }, barMaxWidth: 28 },
      ...overlays.map((o, i) => ({
        name: o.label,
        type: 'line' as const,
        data: o.values,
        symbol: 'circle',
        symbolSize: 5,
        lineStyle: { width: 1.5, color: overlayColor(c, i) },
        itemStyle: { color: overlayColor(c, i) },
      })),
    ],
  };
}

function roundsOption(c: ChartColors, rows: readonly RoundAcceptance[], selected: number, mean: number | null): EChartsOption {
  const sel = rows[selected];
  return {
    animation: false,
    grid: { left: 36, right: 12, top: 14, bottom: rows.length > 80 ? 46 : 30 },
    tooltip: {
      trigger: 'axis',
      ...tooltipStyle(c),
      formatter: (raw: unknown) => {
        const ps = raw as { dataIndex: number }[];
        const r = rows[ps[0]?.dataIndex ?? 0];
        if (!r) return '';
        return tipHtml(`round ${r.round}`, [
          ['acceptance length', String(r.acceptanceLength)],
          ['accepted / drafted', `${r.accepted} / ${r.drafted}`],
          ['first token', `#${r.tokenIndex}`],
          ['verify', `${r.verifyMs.toFixed(1)} ms`],
        ]);
      },
    },
    dataZoom: rows.length > 80 ? [{ type: 'inside' }, { type: 'slider', height: 14, bottom: 4 }] : undefined,
    xAxis: { type: 'category', data: rows.map((r) => String(r.round)), ...axisStyle(c, 'round'), nameLocation: 'middle', nameGap: 20 },
    yAxis: { type: 'value', minInterval: 1, min: 0, ...axisStyle(c) },
    series: [
      {
        name: 'acceptance length',
        type: 'line' as const,
        data: rows.map((r) => r.acceptanceLength),
        step: 'middle',
        symbol: rows.length > 120 ? 'none' : 'circle',
        symbolSize: 4,
        lineStyle: { width: 1.5, color: c.accent },
        itemStyle: { color: c.accent },
        areaStyle: { color: c.accent, opacity: 0.08 },
        markLine:
          mean !== null
            ? { silent: true, symbol: 'none', lineStyle: { color: c.faint, type: 'dashed' }, label: { color: c.muted, fontSize: 10, formatter: `mean ${mean.toFixed(2)}`, position: 'insideEndTop' as const }, data: [{ yAxis: mean }] }
            : undefined,
        markPoint: sel
          ? { symbol: 'circle', symbolSize: 10, itemStyle: { color: c.warning }, label: { show: false }, data: [{ name: 'selected round', coord: [String(sel.round), sel.acceptanceLength] }] }
          : undefined,
      },
    ],
  };
}

/** Acceptance summary and charts. */
export function AcceptancePanel({ run, rounds, rows, live, selected, onSelectRound }: AcceptancePanelProps) {
  const c = useChartColors();
  const [overlays, setOverlays] = useState<CompareSeries[]>([]);
  // rows is memoised by the caller on events.length, so these recompute only when rounds arrive.
  const computed = useMemo(() => summarizeAcceptance(rounds), [rounds]);
  const m = live ? null : run.metrics;
  const perPosition = useMemo(() => perPositionFor(m, rounds), [m, rounds]);
  const mean = m?.meanAcceptanceLength ?? computed.meanAcceptanceLength;
  const rate = m?.draftAcceptanceRate ?? computed.draftAcceptanceRate;
  const draftMs = m?.draftMs ?? computed.draftMs;
  const verifyMs = m?.verifyMs ?? computed.verifyMs;

  const posOption = useMemo(() => positionOption(c, perPosition.values, overlays, 'this run'), [c, perPosition.values, overlays]);
  const roundOption = useMemo(() => roundsOption(c, rows, selected, mean), [c, rows, selected, mean]);

  const onRoundClick = (e: ChartClick) => {
    if (e.componentType === 'series' && e.dataIndex >= 0) onSelectRound(e.dataIndex);
  };

  return (
    <div className="mp-panels" data-testid="acceptance-panel">
      <div className="mp-stats">
        <StatTile label="mean acceptance length" value={fmt(mean)} sub="per target pass, incl. final token" />
        <StatTile label="draft acceptance rate" value={rate === null ? '—' : `${(rate * 100).toFixed(1)}%`} sub={`${m?.acceptedTokens ?? computed.acceptedTokens} of ${m?.draftTokens ?? computed.draftTokens} drafted`} />
        <StatTile label="rounds" value={String(m?.rounds ?? computed.rounds)} sub={m?.targetForwardPasses !== undefined ? `${m.targetForwardPasses} target passes` : undefined} />
        <StatTile label="draft · verify time" value={`${duration(draftMs)} · ${duration(verifyMs)}`} sub={verifyMs > 0 ? `${((draftMs / (draftMs + verifyMs)) * 100).toFixed(0)}% drafting` : undefined} />
        {m?.decodeTokensPerS != null && <StatTile label="decode tokens/s" value={m.decodeTokensPerS.toFixed(1)} />}
      </div>
      <div className="mp-grid-2">
        <div>
          <div className="mp-chart-title">
            Acceptance by draft position
            <span className="mp-chart-sub">unconditional (rounds reaching position i / rounds); {perPosition.source === 'metrics' ? 'run metrics' : 'computed from rounds'}</span>
          </div>
          <MethodChart option={posOption} height={200} label="Acceptance rate by draft position" points={perPosition.values.length} throttleMs={live ? 400 : 0} testId="acceptance-by-position" />
        </div>
        <div>
          <div className="mp-chart-title">
            Acceptance length per round
            <span className="mp-chart-sub">click a point to open its tree</span>
          </div>
          <MethodChart option={roundOption} height={200} label="Acceptance length of each round" points={rows.length} onClick={onRoundClick} throttleMs={live ? 400 : 0} testId="acceptance-per-round" />
        </div>
      </div>
      {!live && <MethodCompare run={run} onOverlays={setOverlays} />}
    </div>
  );
}
