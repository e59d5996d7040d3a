import { describe, expect, it } from 'vitest';
import type { EChartsOption } from 'echarts';
import { polishOption, seriesTable } from './chart-polish';

describe('polishOption', () => {
  it('lays a legend of four series out plain instead of paginating it', () => {
    const o = polishOption({ legend: { type: 'scroll' }, series: [1, 2, 3, 4].map((i) => ({ type: 'line', name: `s${i}`, data: [] })) });
    expect((o.legend as { type: string }).type).toBe('plain');
  });

  it('keeps a scrolling legend for many series', () => {
    const o = polishOption({ legend: { type: 'scroll' }, series: Array.from({ length: 12 }, (_, i) => ({ type: 'line', name: `s${i}`, data: [] })) });
    expect((o.legend as { type: string }).type).toBe('scroll');
  });

  it('shows every label of a short category axis', () => {
    const o = polishOption({ xAxis: { type: 'category', data: ['AR base', 'chain_sd base/draft', 'tr', 'ead'] }, yAxis: { type: 'value' }, series: [] });
    expect((o.xAxis as { axisLabel: { interval: number } }).axisLabel.interval).toBe(0);
  });

  it('respects an explicit interval', () => {
    const o = polishOption({ xAxis: { type: 'category', data: ['a'], axisLabel: { interval: 3 } }, series: [] });
    expect((o.xAxis as { axisLabel: { interval: number } }).axisLabel.interval).toBe(3);
  });

  it('makes scatters zoomable and hides colliding labels', () => {
    const o = polishOption({ xAxis: { type: 'value' }, yAxis: { type: 'value' }, series: [{ type: 'scatter', label: { show: true }, data: [[1, 2]] }] });
    expect(o.dataZoom).toHaveLength(2);
    expect((o.series as { labelLayout: { hideOverlap: boolean } }[])[0]!.labelLayout.hideOverlap).toBe(true);
  });
});

describe('seriesTable', () => {
  it('writes category bars and xy points as rows', () => {
    const option: EChartsOption = {
      xAxis: { type: 'category', data: ['A', 'B'] },
      series: [
        { type: 'bar', name: 'acc', data: [0.5, { value: 0.75 }] },
        { type: 'scatter', name: 'pts', data: [[1, 2]] },
      ],
    };
    expect(seriesTable(option).split('\n')).toEqual(['series\tx\ty\tvalue', 'acc\tA\t0.5', 'acc\tB\t0.75', 'pts\t1\t2']);
  });
});
