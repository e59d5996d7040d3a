// EChart: a small ECharts wrapper for every feature's charts. It initialises a chart on a div
// (echarts loaded on first use, so pages without charts do not pay for it), follows the app theme
// (re-creating the chart when light/dark changes), resizes with its container, applies option
// updates with setOption, and disposes on unmount.
import type * as EChartsModule from 'echarts';
import type { ECharts, EChartsOption, SetOptionOpts } from 'echarts';
import type { CSSProperties } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { ResolvedTheme } from '../state/theme';
import { useResolvedTheme } from '../state/theme';

export type { ECharts, EChartsOption } from 'echarts';

export interface EChartProps {
  option: EChartsOption;
  /** Height of the chart (width follows the container). */
  height?: number | string;
  className?: string;
  /** Passed to setOption; default replaces series (notMerge false, lazyUpdate true). */
  setOptionOpts?: SetOptionOpts;
  /** Called once the chart exists (and again after a theme change re-creates it). */
  onReady?: (chart: ECharts) => void;
  /** Chart events, e.g. { click: (params) => ... }. */
  onEvents?: Record<string, (params: unknown) => void>;
  /** Accessible description of what the chart shows. */
  ariaLabel?: string;
}

let loading: Promise<typeof EChartsModule> | null = null;

function loadECharts(): Promise<typeof EChartsModule> {
  loading ??= import('echarts');
  return loading;
}

/** Theme-aware base options: transparent background and the app's fonts and text colors. */
export function themeBase(theme: ResolvedTheme): EChartsOption {
  const text = theme === 'dark' ? '#a0a0aa' : '#5c5c66';
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', fontSize: 11, color: text },
    animationDuration: 200,
    animationDurationUpdate: 150,
  };
}

/** An ECharts chart in a div. */
export function EChart({ option, height = 240, className, setOptionOpts, onReady, onEvents, ariaLabel }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const theme = useResolvedTheme();
  const [chart, setChart] = useState<ECharts | null>(null);

  useEffect(() => {
    let disposed = false;
    let instance: ECharts | null = null;
    let observer: ResizeObserver | null = null;
    void loadECharts().then((echarts) => {
      if (disposed || !ref.current) return;
      instance = echarts.init(ref.current, theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
      observer = new ResizeObserver(() => instance?.resize());
      observer.observe(ref.current);
      setChart(instance);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      instance?.dispose();
      setChart(null);
    };
  }, [theme]);

  useEffect(() => {
    if (!chart) return;
    chart.setOption({ ...themeBase(theme), ...option }, setOptionOpts ?? { lazyUpdate: true });
  }, [chart, option, setOptionOpts, theme]);

  useEffect(() => {
    if (chart && onReady) onReady(chart);
  }, [chart, onReady]);

  useEffect(() => {
    if (!chart || !onEvents) return;
    for (const [name, handler] of Object.entries(onEvents)) chart.on(name, handler);
    return () => {
      for (const [name, handler] of Object.entries(onEvents)) chart.off(name, handler);
    };
  }, [chart, onEvents]);

  const style: CSSProperties = { height, width: '100%' };
  return <div ref={ref} className={className} style={style} role="img" aria-label={ariaLabel} />;
}
