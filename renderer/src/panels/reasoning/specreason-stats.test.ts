import { describe, expect, it } from 'vitest';
import type { StepEvent, TokenEvent } from '@app/events';
import { modeDigit, stepTotals, timeSaving } from './specreason-stats';

function step(index: number, tokenIndex: number, author: 'small' | 'large', o: Partial<StepEvent> = {}): StepEvent {
  return {
    kind: 'step',
    index,
    tokenIndex,
    author,
    smallTokens: 5,
    accepted: author === 'small',
    largeTokens: author === 'large' ? 4 : 0,
    finalText: 'x',
    smallMs: 10,
    judgeMs: 20,
    largeMs: author === 'large' ? 40 : 0,
    forced: false,
    ...o,
  };
}

const tokens = Array.from({ length: 14 }, (_, i) => ({ kind: 'token', index: i }) as TokenEvent);
// steps: small (tokens 0-4), large (5-8), small (9-13)
const steps = [step(0, 0, 'small'), step(1, 5, 'large'), step(2, 9, 'small')];

describe('stepTotals', () => {
  it('counts shares from the token stream', () => {
    const t = stepTotals(steps, tokens);
    expect(t).toMatchObject({ steps: 3, accepted: 2, forced: 0, judged: 0, finalTokens: 14, largeFinalTokens: 4, smallMs: 30, judgeMs: 60, largeMs: 40, methodMs: 130 });
    expect(t.acceptedShare).toBeCloseTo(2 / 3);
    expect(t.largeShare).toBeCloseTo(4 / 14);
  });

  it('falls back to the step token counts without the stream', () => {
    const t = stepTotals(steps, null);
    expect(t.finalTokens).toBe(5 + 4 + 5);
    expect(t.largeFinalTokens).toBe(4);
  });

  it('leaves forced steps out of the accepted share', () => {
    const t = stepTotals([step(0, 0, 'large', { forced: true, smallTokens: 0, smallMs: 0, judgeMs: 0 }), step(1, 4, 'small')], null);
    expect(t.forced).toBe(1);
    expect(t.acceptedShare).toBe(1);
  });
});

describe('timeSaving', () => {
  it('estimates from large-model step timings', () => {
    const t = stepTotals(steps, tokens);
    const s = timeSaving(t, steps, null, null)!;
    // 40 ms for 4 tokens = 10 ms/token; 14 tokens -> 140 ms alone vs 130 ms here.
    expect(s.basis).toBe('large-model step timings');
    expect(s.largeAloneMs).toBe(140);
    expect(s.savedMs).toBe(10);
    expect(s.speedup).toBeCloseTo(140 / 130);
  });

  it('uses a measured large-alone run when there is one', () => {
    const t = stepTotals(steps, tokens);
    const s = timeSaving(t, steps, { totalMs: 100 } as never, { totalMs: 250, newTokens: 14 } as never)!;
    expect(s.basis).toBe('large-alone run');
    expect(s.savedMs).toBe(150);
    expect(s.speedup).toBe(2.5);
  });

  it('gives nothing when the large model wrote nothing and no run is known', () => {
    const only = [step(0, 0, 'small')];
    expect(timeSaving(stepTotals(only, null), only, null, null)).toBeNull();
  });

  it('finds the most likely digit', () => {
    expect(modeDigit([0, 0.1, 0, 0, 0, 0, 0, 0.2, 0.6, 0.1])).toBe(8);
    expect(modeDigit(undefined)).toBeNull();
  });
});
