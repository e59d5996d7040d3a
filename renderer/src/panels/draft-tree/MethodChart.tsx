// The method panels' chart: the app's EChart wrapper with option updates throttled (a live run pushes
// many frames a second; a chart redraws at most every `throttleMs`), options replaced rather than
// merged (series come and go with the compared runs), clicks passed through, and the number of drawn
// points exposed as data-points. Tooltips are HTML built with classes only (the CSP forbids inline
// style attributes in HTML strings), see chart-theme.ts.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EChartsOption } from '../../charts/EChart';
import { EChart } from '../../charts/EChart';

/** The parts of an echarts click event the panels use. */
export interface ChartClick {
  seriesName?: string;
  seriesIndex?: number;
  dataIndex: number;
  data: unknown;
  value: unknown;
  componentType: string;
}

export interface MethodChartProps {
  option: EChartsOption;
  height: number;
  /** Accessible description of what the chart shows. */
  label: string;
  /** Data points drawn (exposed as data-points for tests and as a summary). */
  points: number;
  onClick?: (e: ChartClick) => void;
  /** Minimum milliseconds between redraws while options keep changing (live runs). */
  throttleMs?: number;
  testId?: string;
  className?: string;
}

const replace = { notMerge: true, lazyUpdate: true };

/** One chart. */
export function MethodChart({ option, height, label, points, onClick, throttleMs = 0, testId, className }: MethodChartProps) {
  const [shown, setShown] = useState(option);
  const latest = useRef(option);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastDraw = useRef(0);
  const clickRef = useRef(onClick);

  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  // A throttle, not a debounce: while options keep changing, one redraw is pending at a time and
  // takes whatever option is newest when it fires.
  useEffect(() => {
    latest.current = option;
    if (timer.current) return;
    const wait = Math.max(0, throttleMs - (performance.now() - lastDraw.current));
    timer.current = setTimeout(() => {
      timer.current = null;
      lastDraw.current = performance.now();
      setShown(latest.current);
    }, wait);
  }, [option, throttleMs]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const events = useMemo(() => ({ click: (e: unknown) => clickRef.current?.(e as ChartClick) }), []);

  return (
    <div className={['mp-chart', className].filter(Boolean).join(' ')} data-testid={testId} data-points={points}>
      <EChart option={shown} height={height} setOptionOpts={replace} onEvents={events} ariaLabel={label} />
    </div>
  );
}
