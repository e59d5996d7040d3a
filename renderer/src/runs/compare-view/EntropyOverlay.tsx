// The compared runs' per-token entropy on one shared token axis, so timelines line up: each run is a
// line (its own colour), zoomable along the tokens.
import { useMemo } from 'react';
import type { TokenEvent } from '@app/events';
import type { EChartsOption } from '../../charts/EChart';
import { EChart } from '../../charts/EChart';
import type { ComparedRun } from './use-compared-runs';

export interface EntropyOverlayProps {
  runs: readonly ComparedRun[];
  labels: readonly string[];
}

/** One chart: entropy (nats) by token index, a line per run. */
export function EntropyOverlay({ runs, labels }: EntropyOverlayProps) {
  const option = useMemo<EChartsOption>(
    () => ({
      grid: { left: 48, right: 16, top: 36, bottom: 56 },
      legend: { type: 'plain', top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: 'token', nameLocation: 'middle', nameGap: 24, min: 0 },
      yAxis: { type: 'value', name: 'entropy (nats)', nameLocation: 'middle', nameGap: 34 },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 14, bottom: 4 }],
      series: runs.map((run, i) => ({
        type: 'line',
        name: labels[i],
        showSymbol: false,
        sampling: 'lttb',
        lineStyle: { width: 1.2 },
        data: run.events.filter((e): e is TokenEvent => e.kind === 'token').map((t) => [t.index, Number(t.entropy.toFixed(3))]),
      })),
    }),
    [runs, labels],
  );
  return <EChart option={option} height={240} ariaLabel="Entropy by token for each compared run" setOptionOpts={{ notMerge: true }} />;
}
