import { describe, expect, it } from 'vitest';
import type { RunMetrics } from '@app/runs';
import { compareMetricRows, endToEndTokensPerS } from './compare-metrics';

const metrics = (over: Partial<RunMetrics>): RunMetrics => ({
  promptTokens: 10,
  newTokens: 100,
  ttftMs: 5,
  prefillMs: 2,
  prefillTokensPerS: 5000,
  decodeMs: 900,
  decodeTokensPerS: 110,
  totalMs: 1000,
  ...over,
});

describe('compareMetricRows', () => {
  const runs = [
    { status: 'completed' as const, answer: '4', correct: true, metrics: metrics({}) },
    { status: 'completed' as const, answer: '5', correct: false, metrics: metrics({ totalMs: 500, meanAcceptanceLength: 2.5 }) },
  ];

  it('shows method metrics only some runs have, with a dash for the others', () => {
    const mal = compareMetricRows(runs).find((r) => r.key === 'meanAcceptanceLength');
    expect(mal?.values).toEqual(['–', '2.50']);
  });

  it('leaves out method metrics no run has', () => {
    expect(compareMetricRows(runs).some((r) => r.key === 'switches')).toBe(false);
  });

  it('gives the tokens/s ratio to the first run', () => {
    expect(compareMetricRows(runs).find((r) => r.key === 'vsFirst')?.values).toEqual(['1.00×', '2.00×']);
    expect(endToEndTokensPerS(runs[1]!)).toBe(200);
  });

  it('marks rows whose values differ', () => {
    const rows = compareMetricRows(runs);
    expect(rows.find((r) => r.key === 'status')?.differs).toBe(false);
    expect(rows.find((r) => r.key === 'correct')?.differs).toBe(true);
  });
});
