// EChart: a small ECharts wrapper for every feature's charts. It initialises a chart on a div
// (echarts loaded on first use, so pages without charts do not pay for it), follows the app theme
// (re-creating the chart when light/dark changes), resizes with its container, applies option
// updates with setOption, and disposes on unmount. Every option passes through polishOption (legend,
// axis labels, scatter zoom; chart-polish.ts), and every chart has a small toolbar: save as PNG or
// SVG, copy its data as tab-separated text.
import type * as EChartsModule from 'echarts';
import type { ECharts, EChartsOption, SetOptionOpts } from 'echarts';
import type { CSSProperties } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { ResolvedTheme } from '../state/theme';
import { useResolvedTheme } from '../state/theme';
import { polishOption, seriesTable } from './chart-polish';
import './echart.css';

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
    chart.setOption(polishOption({ ...themeBase(theme), ...option }), setOptionOpts ?? { lazyUpdate: true });
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
  return (
    <div className="echart-frame">
      <div ref={ref} className={className} style={style} role="img" aria-label={ariaLabel} />
      {chart && <ChartToolbar chart={chart} option={option} theme={theme} name={ariaLabel ?? 'chart'} />}
    </div>
  );
}

function fileBase(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'chart';
}

function saveUrl(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** The chart's own actions: PNG, SVG (re-rendered by the SVG renderer), copy data. */
function ChartToolbar({ chart, option, theme, name }: { chart: ECharts; option: EChartsOption; theme: ResolvedTheme; name: string }) {
  const [copied, setCopied] = useState(false);
  const base = fileBase(name);
  const png = () => saveUrl(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: theme === 'dark' ? '#17181b' : '#ffffff' }), `${base}.png`);
  const svg = async () => {
    const echarts = await loadECharts();
    const off = echarts.init(null, theme === 'dark' ? 'dark' : undefined, { renderer: 'svg', ssr: true, width: chart.getWidth(), height: chart.getHeight() });
    off.setOption({ ...(chart.getOption() as EChartsOption), animation: false, backgroundColor: theme === 'dark' ? '#17181b' : '#ffffff' });
    const text = off.renderToSVGString();
    off.dispose();
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    saveUrl(url, `${base}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const copy = async () => {
    await navigator.clipboard.writeText(seriesTable(option));
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="echart-tools" role="toolbar" aria-label={`Chart actions: ${name}`}>
      <button type="button" onClick={png} title="Save as PNG" data-testid="chart-png">
        PNG
      </button>
      <button type="button" onClick={() => void svg()} title="Save as SVG" data-testid="chart-svg">
        SVG
      </button>
      <button type="button" onClick={() => void copy().catch(() => undefined)} title="Copy the chart's data (tab-separated)" data-testid="chart-copy">
        {copied ? 'Copied' : 'Data'}
      </button>
    </div>
  );
}
