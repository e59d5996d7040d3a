import { describe, expect, it } from 'vitest';
import type { ArmAggregate } from '@app/experiments';
import { acceptanceOption, accuracyComputeOption, accuracyLatencyOption, armBarsOption, armColor } from './chart-options';
import { repeatedSamplingCurves } from './repeated-sampling';

const agg = (arm: string, extra: Partial<ArmAggregate> = {}): ArmAggregate => ({
  armId: arm,
  arm,
  baseline: arm === 'AR',
  method: 'autoregressive',
  runs: 4,
  accuracy: 0.5,
  accuracyCi: { low: 0.15, high: 0.85 },
  meanLatencyMs: 100,
  speedup: 1,
  decodeSpeedup: null,
  meanAcceptedTokens: null,
  coldRuns: 0,
  decodeTokensPerS: 50,
  meanAcceptanceLength: null,
  perPositionAcceptance: null,
  largeShare: null,
  paramWeightedCost: null,
  meanNewTokens: 20,
  meanGeneratedTokens: 20,
  passAtK: null,
  majorityVote: null,
  ...extra,
});

describe('chart options', () => {
  it('plots accuracy against tokens generated across every sample on the compute axis', () => {
    const option = accuracyComputeOption([agg('AR'), agg('RS', { meanGeneratedTokens: 80, accuracy: 0.75 })], 'meanGeneratedTokens');
    const series = option.series as { type: string; name: string; data: number[][] }[];
    expect(series.filter((s) => s.type === 'scatter').map((s) => s.data[0])).toEqual([[20, 50], [80, 75]]);
    expect((option.xAxis as { name: string }).name).toMatch(/tokens generated/);
  });

  it('plots each arm with its interval in its own color', () => {
    const option = accuracyLatencyOption([agg('AR'), agg('SD', { meanLatencyMs: 50, accuracy: null })]);
    const series = option.series as { type: string; name: string; data: number[][]; itemStyle: { color: string } }[];
    // SD has no accuracy yet: only AR's point and whisker.
    expect(series.map((s) => [s.type, s.name])).toEqual([
      ['scatter', 'AR'],
      ['line', 'AR'],
    ]);
    expect(series[0]!.data).toEqual([[100, 50]]);
    expect(series[1]!.data).toEqual([
      [100, 15],
      [100, 85],
    ]);
    expect(series[1]!.itemStyle.color).toBe(armColor(0));
  });

  it('shows accuracy bars in percent and acceptance only for drafting arms', () => {
    const bars = armBarsOption([agg('AR'), agg('SD', { accuracy: null })], 'accuracy').series as { data: { value: number | null }[] }[];
    expect(bars[0]!.data.map((d) => d.value)).toEqual([50, null]);
    expect(acceptanceOption([agg('AR')])).toBeNull();
    const acceptance = acceptanceOption([agg('AR'), agg('SD', { perPositionAcceptance: [0.9, 0.5] })])!;
    expect((acceptance.series as { name: string }[]).map((s) => s.name)).toEqual(['SD']);
  });

  it('takes coverage@k from the aggregates and computes majority@k per arm from the cells', () => {
    const cell = (itemId: string, sample: number, correct: boolean, answer: string) => ({ itemId, armId: 'AR', arm: 'AR', sample, runId: `${itemId}${sample}`, status: 'completed', correct, answer, latencyMs: 1, newTokens: 1 });
    const experiment = { spec: { samplesPerItem: 2, arms: [{ label: 'AR' }] } } as never;
    const cells = [cell('a', 0, false, '1'), cell('a', 1, true, '2'), cell('b', 0, true, '3'), cell('b', 1, true, '3')];
    // Coverage comes from the host's pass@k (here reached for k = 1 only).
    const curves = repeatedSamplingCurves({ experiment, cells, aggregates: [agg('AR', { passAtK: [0.75] })] });
    // Majority@1: a wrong, b right; @2: a is a tie, won by sample 0 (wrong).
    expect(curves).toEqual([{ arm: 'AR', coverage: [0.75, null], majority: [0.5, 0.5] }]);
  });
});
