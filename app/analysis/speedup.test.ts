import { describe, expect, it } from 'vitest';
import { RunMetrics } from '../runs';
import { acceptLengthsOfRun, decodeSpeedup, meanAcceptedTokens, specBenchSpeedup, specBenchTokens } from './speedup';

const m = (newTokens: number, totalMs: number, extra: Partial<RunMetrics> = {}) =>
  RunMetrics.parse({ promptTokens: 10, newTokens, ttftMs: 1, prefillMs: 10, prefillTokensPerS: null, decodeMs: totalMs - 10, decodeTokensPerS: null, totalMs, ...extra });

describe("Spec-Bench's figures", () => {
  it('counts an emitted end-of-turn token, as Spec-Bench methods do', () => {
    expect(specBenchTokens(m(10, 100, { stopReason: 'eos' }))).toBe(11);
    expect(specBenchTokens(m(10, 100, { stopReason: 'max_tokens' }))).toBe(10);
    expect(acceptLengthsOfRun(m(3, 100, { stopReason: 'eos' }))).toEqual([1, 1, 1, 1]);
  });

  it('speedup is the mean of per-run wall tokens/s over the baseline mean, prefill included', () => {
    const pairs = [
      { arm: m(20, 100), base: m(20, 200) },
      { arm: m(10, 20), base: m(10, 50) },
    ];
    expect(specBenchSpeedup(pairs)).toBeCloseTo((200 + 500) / (100 + 200), 12);
    // Decode-only: pooled tokens over time outside prefill (90 + 10 ms vs 190 + 40 ms).
    expect(decodeSpeedup(pairs)).toBeCloseTo(30 / 100 / (30 / 230), 12);
    expect(specBenchSpeedup([])).toBeNull();
  });

  it('mean accepted tokens pools every round of every run', () => {
    expect(meanAcceptedTokens([m(8, 10, { acceptLengths: [1, 3, 4] }), m(2, 10, { acceptLengths: [1, 1] })])).toBeCloseTo(10 / 5, 12);
  });
});
