// Chart colours from the app theme (CSS variables resolved to concrete values, since a canvas cannot
// read variables), the provenance palette shared with the token stream, shared axis styling, and
// tooltip HTML built from escaped text and class names only (no inline style attributes: CSP).
import { useMemo } from 'react';
import type { TokenSource } from '@app/events';
import { useResolvedTheme } from '../../state/theme';

export interface ChartColors {
  text: string;
  muted: string;
  faint: string;
  border: string;
  grid: string;
  bg: string;
  accent: string;
  success: string;
  warning: string;
  danger: string;
  info: string;
  /** Provenance fills (token stream colours); `target` is drawn in a neutral tone. */
  source: Record<TokenSource, string>;
  /** Stronger provenance tones for lines and markers. */
  sourceStrong: Record<TokenSource, string>;
  /** A qualitative palette for comparing runs. */
  series: string[];
  dark: boolean;
}

function read(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v && v !== 'transparent' ? v : fallback;
}

/** Resolves the theme's variables now (call again when the theme changes). */
export function resolveChartColors(dark: boolean): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const c = {
    text: read(style, '--text', dark ? '#e6e6ea' : '#1b1b1f'),
    muted: read(style, '--text-muted', '#5c5c66'),
    faint: read(style, '--text-faint', '#8a8a94'),
    border: read(style, '--border', '#e3e3e8'),
    grid: read(style, '--bg-muted', '#f0f0f3'),
    bg: read(style, '--bg', dark ? '#17181b' : '#ffffff'),
    accent: read(style, '--accent', '#4b4fd6'),
    success: read(style, '--success', '#17803d'),
    warning: read(style, '--warning', '#a35a00'),
    danger: read(style, '--danger', '#c0262d'),
    info: read(style, '--info', '#1d5bd8'),
  };
  const source: Record<TokenSource, string> = {
    target: read(style, '--border-strong', '#cfcfd6'),
    draft_accepted: read(style, '--src-draft_accepted', '#c9efd4'),
    bonus: read(style, '--src-bonus', '#cfe0ff'),
    resampled: read(style, '--src-resampled', '#ffd9b8'),
    small: read(style, '--src-small', '#c4ecea'),
    large: read(style, '--src-large', '#e4d5fb'),
  };
  const sourceStrong: Record<TokenSource, string> = {
    target: c.faint,
    draft_accepted: c.success,
    bonus: c.info,
    resampled: c.warning,
    small: dark ? '#4fc1b9' : '#14857d',
    large: dark ? '#a98bf0' : '#6f42c1',
  };
  const series = dark ? ['#7c80ff', '#4cc27a', '#e0a045', '#ff6b6b', '#4fc1b9', '#a98bf0', '#6ea3ff'] : ['#4b4fd6', '#17803d', '#a35a00', '#c0262d', '#14857d', '#6f42c1', '#1d5bd8'];
  return { ...c, source, sourceStrong, series, dark };
}

/** The chart colours for the theme in effect. */
export function useChartColors(): ChartColors {
  const theme = useResolvedTheme();
  return useMemo(() => resolveChartColors(theme === 'dark'), [theme]);
}

/** Axis styling shared by the panels' cartesian charts. */
export function axisStyle(c: ChartColors, name?: string) {
  return {
    name,
    nameTextStyle: { color: c.muted, fontSize: 11 },
    axisLine: { lineStyle: { color: c.border } },
    axisTick: { lineStyle: { color: c.border } },
    axisLabel: { color: c.muted, fontSize: 10 },
    splitLine: { lineStyle: { color: c.grid } },
  };
}

/** Tooltip container options (the HTML inside comes from tipHtml). */
export function tooltipStyle(c: ChartColors) {
  return {
    backgroundColor: c.bg,
    borderColor: c.border,
    textStyle: { color: c.text, fontSize: 12 },
    extraCssText: 'box-shadow: 0 6px 24px rgb(0 0 0 / 0.14); border-radius: 6px;',
    confine: true,
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for tooltip HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** Tooltip HTML: a title and key/value rows, escaped, styled by classes in the panels' stylesheet. */
export function tipHtml(title: string, rows: readonly (readonly [string, string])[]): string {
  const body = rows.map(([k, v]) => `<div class="ec-tip-row"><span class="ec-tip-key">${escapeHtml(k)}</span><span class="ec-tip-val">${escapeHtml(v)}</span></div>`).join('');
  return `<div class="ec-tip"><div class="ec-tip-title">${escapeHtml(title)}</div>${body}</div>`;
}
