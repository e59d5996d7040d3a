// The scaling view's curves against a hand-computed table: two items with three graded samples each.
import { describe, expect, it } from 'vitest';
import type { SampleEvent } from '@app/events';
import { MethodConfig } from '@app/methods';
import { SCALING_SERIES, scalingOption } from './scaling-chart';
import { scalingCurves, scalingRuns } from './scaling-curves';

const s = (index: number, answer: string, correct: boolean | null, score: number): SampleEvent => ({
  kind: 'sample', index, seed: index, text: '', tokens: 1, stopReason: 'eos', answer, correct, score, meanLogprob: -1, selected: index === 0,
});
const rs = { id: 'rs', label: 'RS k=3', config: MethodConfig.parse({ method: 'repeated_sampling', models: { model: { model: 'draft' }, judge: { model: 'base' } }, params: { k: 3, verifier: 'judge_orm' } }) };
const ar = { id: 'ar', label: 'AR', config: MethodConfig.parse({ method: 'autoregressive', models: { model: { model: 'base' } } }) };
const cells = [
  { armId: 'rs', itemId: 'A', runId: 'r1', status: 'completed' },
  { armId: 'rs', itemId: 'B', runId: 'r2', status: 'completed' },
  { armId: 'rs', itemId: 'C', runId: 'r3', status: 'failed' },
  { armId: 'ar', itemId: 'A', runId: 'r4', status: 'completed' },
];
const samples = new Map([
  ['r1', [s(0, '1', true, 0.9), s(1, '2', false, 0.6), s(2, '2', false, 0.2)]],
  ['r2', [s(0, '5', false, 0.7), s(1, '5', false, 0.3), s(2, '7', true, 0.4)]],
  ['r3', [s(0, '9', null, 0.9)]],
]);

describe('scaling curves', () => {
  it('reads only completed runs of repeated-sampling arms', () => {
    expect(scalingRuns([rs, ar], cells)).toEqual(['r1', 'r2']);
  });

  it('computes coverage, majority, verifier best-of-k, the false-positive rate and the fLaws bound by hand', () => {
    const [c, ...rest] = scalingCurves([rs, ar], cells, samples);
    expect(rest).toHaveLength(0);
    expect(c).toMatchObject({ arm: 'RS k=3', verifier: 'judge_orm', items: 2, maxK: 3 });
    // pass@k per item with n = 3, c = 1: 1/3, 1 - C(2,2)/C(3,2) = 2/3, 1.
    expect(c!.coverage.map((v) => v!.toFixed(6))).toEqual([(1 / 3).toFixed(6), (2 / 3).toFixed(6), '1.000000']);
    // Majority of the first k: k=1 A right, B wrong; k=3 both pick the wrong plurality.
    expect(c!.majority[0]).toBe(0.5);
    expect(c!.majority[2]).toBe(0);
    // Best score of all three: A's 0.9 is right, B's 0.7 wrong.
    expect(c!.verifierBestOfK[2]).toBeCloseTo(0.5, 12);
    // Accepted at >= 0.5: correct 2 (1 accepted), incorrect 4 (2 accepted); r = 1/3.
    expect(c!.rates).toMatchObject({ samples: 6, falsePositiveRate: 0.5, completeness: 0.5 });
    expect(c!.rates.precision).toBeCloseTo(1 / 3, 12);
    expect(c!.sampleAccuracy).toBeCloseTo(1 / 3, 12);
    // c r / (c r + (1 - r) fpr) = (1/6) / (1/6 + 1/3) = 1/3.
    expect(c!.bound).toBeCloseTo(1 / 3, 12);
    expect(c!.resample).toHaveLength(3);
  });

  it('charts k on a log axis with the coverage points, the fit, the other curves and the bound as a flat line', () => {
    const [c] = scalingCurves([rs], cells, samples);
    const option = scalingOption(c!);
    expect(option.xAxis).toMatchObject({ type: 'log', logBase: 2 });
    const series = option.series as { name: string; data: unknown[] }[];
    expect(series.map((x) => x.name)).toEqual(expect.arrayContaining([SCALING_SERIES.coverage, SCALING_SERIES.majority, SCALING_SERIES.verifier, SCALING_SERIES.bound]));
    expect(series.find((x) => x.name === SCALING_SERIES.coverage)!.data).toEqual([[1, 33.3], [2, 66.7], [3, 100]]);
    expect(series.find((x) => x.name === SCALING_SERIES.bound)!.data).toEqual([[1, 33.3], [3, 33.3]]);
  });
});
