import { describe, expect, it } from 'vitest';
import type { ArmAggregate } from '@app/experiments';
import { ExperimentSpec } from '@app/experiments';
import { LARGE_ALONE, SMALL_ALONE, frontierPoints, paretoFrontier, parseTaus, tauSweepSpec } from './tau-sweep';

const small = { model: 'draft', provider: 'cpu' as const };
const large = { model: 'base', provider: 'cpu' as const };

function agg(arm: string, accuracy: number | null, largeShare: number | null, method = 'ead'): ArmAggregate {
  return {
    armId: arm,
    arm,
    baseline: arm === LARGE_ALONE,
    method,
    runs: 10,
    accuracy,
    accuracyCi: null,
    meanLatencyMs: null,
    speedup: null,
    decodeSpeedup: null,
    meanAcceptedTokens: null,
    coldRuns: 0,
    decodeTokensPerS: null,
    meanAcceptanceLength: null,
    perPositionAcceptance: null,
    largeShare,
    paramWeightedCost: null,
    meanNewTokens: null,
    meanGeneratedTokens: null,
    passAtK: null,
    majorityVote: null,
  };
}

describe('tau sweep spec', () => {
  it('parses tau lists', () => {
    expect(parseTaus('0.5, 0.1 1  0.5')).toEqual([0.1, 0.5, 1]);
    expect(parseTaus('0.1, x')).toBeNull();
    expect(parseTaus('-1')).toBeNull();
    expect(parseTaus('  ')).toBeNull();
  });

  it('has one EAD arm per tau and both models alone, the large one as baseline, and validates', () => {
    const spec = tauSweepSpec({ datasetId: 'ds', itemLimit: 20, taus: [0.1, 0.5], small, large, window: 8, minDwell: 2 });
    expect(spec.arms.map((a) => a.label)).toEqual(['tau=0.1', 'tau=0.5', SMALL_ALONE, LARGE_ALONE]);
    expect(spec.arms.map((a) => a.baseline)).toEqual([false, false, false, true]);
    expect(spec.arms[1]!.config).toMatchObject({ method: 'ead', params: { tau: 0.5, window: 8, minDwell: 2 }, models: { small, large } });
    expect(spec.arms[2]!.config).toMatchObject({ method: 'autoregressive', models: { model: small } });
    expect(spec.itemLimit).toBe(20);
    expect(ExperimentSpec.safeParse(spec).success).toBe(true);
  });
});

describe('frontier', () => {
  const spec = tauSweepSpec({ datasetId: 'ds', taus: [0.1, 0.5, 1], small, large, window: 8, minDwell: 0 });
  const aggs = [
    agg('tau=0.1', 0.8, 0.6),
    agg('tau=0.5', 0.7, 0.3),
    agg('tau=1', 0.6, 0.35), // dominated: more large share than tau=0.5 and less accurate
    agg(SMALL_ALONE, 0.5, null, 'autoregressive'),
    agg(LARGE_ALONE, 0.85, null, 'autoregressive'),
  ];

  it('places alone arms at share 0 and 1 and sorts by share', () => {
    const pts = frontierPoints(spec.arms, aggs);
    expect(pts.map((p) => [p.label, p.largeShare, p.accuracy, p.tau])).toEqual([
      [SMALL_ALONE, 0, 0.5, null],
      ['tau=0.5', 0.3, 0.7, 0.5],
      ['tau=1', 0.35, 0.6, 1],
      ['tau=0.1', 0.6, 0.8, 0.1],
      [LARGE_ALONE, 1, 0.85, null],
    ]);
  });

  it('leaves out arms without accuracy or share yet', () => {
    expect(frontierPoints(spec.arms, [agg('tau=0.1', null, 0.5), agg('tau=0.5', 0.5, null)])).toEqual([]);
  });

  it('keeps the non-dominated points on the frontier', () => {
    expect(paretoFrontier(frontierPoints(spec.arms, aggs)).map((p) => p.label)).toEqual([SMALL_ALONE, 'tau=0.5', 'tau=0.1', LARGE_ALONE]);
  });
});
