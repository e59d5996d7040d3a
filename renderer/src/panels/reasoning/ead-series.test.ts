import { describe, expect, it } from 'vitest';
import type { TokenEvent, TraceEvent } from '@app/events';
import { eadSeries, eadSummary, ownerBands, tauCrossings } from './ead-series';

function tok(index: number, entropy: number, source: TokenEvent['source'], rollingEntropy?: number): TokenEvent {
  return { kind: 'token', index, id: index, text: `t${index}`, logprob: -0.1, entropy, top: [], tMs: index, source, ...(rollingEntropy !== undefined ? { rollingEntropy } : {}) };
}

const events: TraceEvent[] = [
  { kind: 'prefill', role: 'small', tokens: 10, reusedTokens: 0, ms: 1 },
  tok(0, 0.1, 'small', 0.1),
  tok(1, 0.9, 'small', 0.5),
  { kind: 'switch', tokenIndex: 2, from: 'small', to: 'large', rollingEntropy: 0.5, catchUpTokens: 12, catchUpMs: 3 },
  tok(2, 0.2, 'large', 0.55),
  tok(3, 0.0, 'large', 0.1),
  { kind: 'switch', tokenIndex: 4, from: 'large', to: 'small', rollingEntropy: 0.1, catchUpTokens: 2, catchUpMs: 1 },
  tok(4, 0.3, 'small', 0.15),
];

describe('eadSeries', () => {
  it('takes entropy, rolling mean and owner per token', () => {
    const s = eadSeries(events, 2, 0.4);
    expect(s.points.map((p) => [p.index, p.entropy, p.rolling, p.owner])).toEqual([
      [0, 0.1, 0.1, 'small'],
      [1, 0.9, 0.5, 'small'],
      [2, 0.2, 0.55, 'large'],
      [3, 0.0, 0.1, 'large'],
      [4, 0.3, 0.15, 'small'],
    ]);
    expect(s.maxValue).toBe(0.9);
    expect(s.switches.map((w) => [w.tokenIndex, w.to, w.catchUpTokens])).toEqual([
      [2, 'large', 12],
      [4, 'small', 2],
    ]);
  });

  it('recomputes the rolling mean over the window when the events lack it', () => {
    const s = eadSeries([tok(0, 1, 'small'), tok(1, 3, 'small'), tok(2, 5, 'small')], 2, 10);
    expect(s.points.map((p) => p.rolling)).toEqual([1, 2, 4]);
    expect(s.points.every((p) => p.rollingDerived)).toBe(true);
    expect(s.maxValue).toBe(10); // tau stays on the axis
  });

  it('groups owners into bands', () => {
    expect(eadSeries(events, 2, 0.4).bands).toEqual([
      { owner: 'small', start: 0, end: 1 },
      { owner: 'large', start: 2, end: 3 },
      { owner: 'small', start: 4, end: 4 },
    ]);
    // A gap in indices starts a new band.
    expect(ownerBands([{ index: 0, owner: 'small' }, { index: 2, owner: 'small' }])).toHaveLength(2);
  });

  it('finds where the rolling mean crosses tau', () => {
    const s = eadSeries(events, 2, 0.4);
    expect(tauCrossings(s.points, 0.4)).toEqual([
      { index: 1, up: true },
      { index: 3, up: false },
    ]);
  });
});

describe('eadSummary', () => {
  it('counts shares and catch-up from the stream', () => {
    const sum = eadSummary(eadSeries(events, 2, 0.4), null);
    expect(sum).toMatchObject({ tokens: 5, largeTokens: 2, smallTokens: 3, largeShare: 0.4, switches: 2, catchUpTokens: 14, catchUpMs: 4, paramWeightedCost: null });
  });

  it('prefers the finished run metrics', () => {
    const sum = eadSummary(eadSeries(events, 2, 0.4), { largeShare: 0.5, switches: 3, paramWeightedCost: 0.6 } as never);
    expect(sum).toMatchObject({ largeShare: 0.5, switches: 3, paramWeightedCost: 0.6 });
  });
});
