import { describe, expect, it } from 'vitest';
import { RunMetrics } from '../runs';
import { aggregateArms } from './aggregate';
import type { MeasuredCell } from './cells';
import { pickCellRuns } from './cells';
import { deltasAgainstBaseline } from './deltas';
import { differingItems } from './differences';

function cell(itemId: string, arm: string, sample: number, correct: boolean, totalMs: number, extra: Partial<RunMetrics> = {}, answer = correct ? '14' : '13'): MeasuredCell {
  const metrics = RunMetrics.parse({ promptTokens: 10, newTokens: 11, ttftMs: 1, prefillMs: 1, prefillTokensPerS: null, decodeMs: 100, decodeTokensPerS: 100, totalMs, ...extra });
  return { itemId, armId: arm, arm, sample, runId: `${itemId}-${arm}-${sample}`, status: 'completed', correct, answer, latencyMs: totalMs, newTokens: metrics.newTokens, metrics };
}

const arms = [
  { id: 'AR', label: 'AR', method: 'autoregressive', baseline: true },
  { id: 'SD', label: 'SD', method: 'chain_sd', baseline: false },
];

describe('aggregateArms', () => {
  it('computes accuracy with its Wilson interval, latency, speedup on shared cells, pooled throughput and acceptance', () => {
    const cells = [
      cell('a', 'AR', 0, true, 100),
      cell('b', 'AR', 0, false, 300),
      cell('a', 'SD', 0, true, 50, { rounds: 4, acceptedTokens: 6, perPositionAcceptance: [0.75, 0.5, 0.25] }),
      cell('b', 'SD', 0, true, 100, { rounds: 6, acceptedTokens: 3, perPositionAcceptance: [0.5] , newTokens: 21, decodeMs: 100 }),
      // An item only SD completed: in its mean latency, not in its speedup.
      cell('c', 'SD', 0, true, 1000),
      { ...cell('c', 'AR', 0, false, 5), status: 'failed', correct: null },
    ];
    const [ar, sd] = aggregateArms(arms, cells, 1);
    expect(ar).toMatchObject({ arm: 'AR', baseline: true, runs: 2, accuracy: 0.5, meanLatencyMs: 200, speedup: 1, passAtK: null, majorityVote: null });
    expect(ar!.accuracyCi!.low).toBeCloseTo(0.0945, 4);
    expect(ar!.accuracyCi!.high).toBeCloseTo(0.9055, 4);
    expect(sd).toMatchObject({ runs: 3, accuracy: 1 });
    expect(sd!.meanLatencyMs).toBeCloseTo(1150 / 3, 9);
    // Spec-Bench over items a and b: mean of tokens/s (11/0.05, 21/0.1) over the baseline's (11/0.1,
    // 11/0.3); not the ratio of mean latencies (200 / 75), which weights slow items more.
    expect(sd!.speedup).toBeCloseTo((11 / 0.05 + 21 / 0.1) / (11 / 0.1 + 11 / 0.3), 12);
    // Decode-only: pooled tokens over decode time, the same cells: 32 / 0.2 s over 22 / 0.2 s.
    expect(sd!.decodeSpeedup).toBeCloseTo(32 / 22, 12);
    // (11 + 21 + 11) tokens over 0.3 s of decode time.
    expect(sd!.decodeTokensPerS).toBeCloseTo(43 / 0.3, 9);
    // Spec-Bench's mean accepted tokens without accept lengths recorded: one per token.
    expect(ar!.meanAcceptedTokens).toBe(1);
    // 1 + (6 + 3) / (4 + 6) rounds.
    expect(sd!.meanAcceptanceLength).toBeCloseTo(1.9, 12);
    // Position 1: (0.75·4 + 0.5·6)/10; position 2: 0.5·4/10 (run b never drafted it).
    expect(sd!.perPositionAcceptance![0]).toBeCloseTo(0.6, 12);
    expect(sd!.perPositionAcceptance![1]).toBeCloseTo(0.2, 12);
    expect(sd!.perPositionAcceptance![2]).toBeCloseTo(0.1, 12);
    expect(ar!.meanAcceptanceLength).toBeNull();
    expect(sd!.meanNewTokens).toBeCloseTo(43 / 3, 12);
  });

  it('counts every sample of a repeated-sampling run as generated tokens (the compute axis), the output alone as new tokens', () => {
    const cells = [
      cell('a', 'AR', 0, true, 100),
      cell('a', 'SD', 0, true, 100, { newTokens: 10, samples: 4, sampleTokens: 44 }),
      cell('b', 'SD', 0, true, 100, { newTokens: 20, samples: 4, sampleTokens: 76 }),
    ];
    const [ar, rs] = aggregateArms(arms, cells, 1);
    expect(ar!.meanGeneratedTokens).toBe(11);
    expect(rs!.meanGeneratedTokens).toBe(60);
    expect(rs!.meanNewTokens).toBe(15);
  });

  it('counts every particle or candidate of a search run (sampledTokens) as generated tokens', () => {
    const cells = [cell('a', 'AR', 0, true, 100), cell('a', 'SD', 0, true, 100, { newTokens: 10, sampledTokens: 52 })];
    const [, search] = aggregateArms(arms, cells, 1);
    expect(search!.meanGeneratedTokens).toBe(52);
  });

  it('weights the large-model share by tokens and averages the cost', () => {
    const cells = [
      cell('a', 'AR', 0, true, 100),
      cell('a', 'SD', 0, true, 100, { largeShare: 0.5, paramWeightedCost: 0.6, newTokens: 10 }),
      cell('b', 'SD', 0, true, 100, { largeShare: 0.2, paramWeightedCost: 0.4, newTokens: 30 }),
    ];
    const sd = aggregateArms(arms, cells, 1)[1]!;
    expect(sd.largeShare).toBeCloseTo((5 + 6) / 40, 12);
    expect(sd.paramWeightedCost).toBeCloseTo(0.5, 12);
  });

  it('gives pass@k and majority vote for repeated samples', () => {
    const cells = [
      cell('a', 'AR', 0, true, 10),
      cell('a', 'AR', 1, false, 10),
      cell('a', 'AR', 2, false, 10),
      cell('b', 'AR', 0, false, 10, {}, '5'),
      cell('b', 'AR', 1, false, 10, {}, '6'),
      cell('b', 'AR', 2, true, 10),
    ];
    const ar = aggregateArms(arms, cells, 3)[0]!;
    // Item a: n=3, c=1 -> pass@1 1/3, pass@2 1 - C(2,2)/C(3,2) = 2/3, pass@3 1; item b the same.
    expect(ar.passAtK![0]).toBeCloseTo(1 / 3, 12);
    expect(ar.passAtK![1]).toBeCloseTo(2 / 3, 12);
    expect(ar.passAtK![2]).toBeCloseTo(1, 12);
    // a: votes 14,13,13 -> 13 (wrong); b: 5,6,14 all single -> sample 0's 5 (wrong).
    expect(ar.majorityVote).toBe(0);
    expect(ar.accuracy).toBeCloseTo(1 / 3, 12);
  });

  it('has no speedup without a baseline cell to pair with', () => {
    const [ar, sd] = aggregateArms(arms, [cell('a', 'SD', 0, true, 10)], 1);
    expect(ar).toMatchObject({ runs: 0, accuracy: null, accuracyCi: null, meanLatencyMs: null, speedup: null });
    expect(sd!.speedup).toBeNull();
  });
});

describe('deltas, differences and cell picking', () => {
  it('makes badges against the baseline', () => {
    const [ar, sd] = aggregateArms(arms, [cell('a', 'AR', 0, true, 100), cell('b', 'AR', 0, false, 100), cell('a', 'SD', 0, true, 50), cell('b', 'SD', 0, true, 50)], 1);
    expect(deltasAgainstBaseline(ar!, ar!)).toEqual([]);
    const badges = deltasAgainstBaseline(sd!, ar!);
    expect(badges.find((b) => b.metric === 'accuracy')).toEqual({ metric: 'accuracy', text: '+50.0 pt', better: true });
    expect(badges.find((b) => b.metric === 'latency')).toEqual({ metric: 'latency', text: '2.00x faster', better: true });
  });

  it('finds items where arms disagree in correctness or answer, on the same sample', () => {
    const cells = [
      cell('same', 'AR', 0, true, 1),
      cell('same', 'SD', 0, true, 1),
      cell('right-wrong', 'AR', 0, true, 1),
      cell('right-wrong', 'SD', 0, false, 1),
      cell('answers', 'AR', 0, false, 1, {}, '5'),
      cell('answers', 'SD', 0, false, 1, {}, '6'),
      cell('case', 'AR', 0, false, 1, {}, 'Red'),
      cell('case', 'SD', 0, false, 1, {}, 'red'),
      cell('pending', 'AR', 0, true, 1),
      { ...cell('pending', 'SD', 0, false, 1), status: 'running' },
    ];
    expect([...differingItems(cells)].sort()).toEqual(['answers', 'right-wrong']);
  });

  it('picks a completed run over a redo or an interrupted one, and the latest otherwise', () => {
    const runs = [
      { id: '1', itemId: 'a', arm: 'AR', sample: 0, status: 'interrupted' },
      { id: '2', itemId: 'a', arm: 'AR', sample: 0, status: 'completed' },
      { id: '3', itemId: 'a', arm: 'AR', sample: 0, status: 'cancelled' },
      { id: '4', itemId: 'b', arm: 'AR', sample: 0, status: 'cancelled' },
      { id: '5', itemId: 'b', arm: 'AR', sample: 0, status: 'interrupted' },
    ];
    expect(pickCellRuns(runs).map((r) => r.id)).toEqual(['2', '5']);
  });
});
