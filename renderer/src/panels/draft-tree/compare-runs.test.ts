import { describe, expect, it } from 'vitest';
import type { RunMetrics } from '@app/runs';
import type { CompareRun } from './compare-runs';
import { autoregressiveBaseline, compareRows, previewMatches, samePrompt, searchKey, tokensPerSecond } from './compare-runs';

function metrics(newTokens: number, totalMs: number, extra: Partial<RunMetrics> = {}): RunMetrics {
  return { promptTokens: 10, newTokens, ttftMs: 1, prefillMs: 1, prefillTokensPerS: null, decodeMs: totalMs - 1, decodeTokensPerS: null, totalMs, ...extra };
}

function run(id: string, method: string, models: string[], m: RunMetrics | null, createdAt = '2026-01-01'): CompareRun {
  return { id, method, models, configLabel: null, createdAt, metrics: m };
}

describe('same prompt', () => {
  const p = { kind: 'text' as const, text: 'a = 7.\n b = a + 5. What is b?' };
  it('builds a search key and matches previews', () => {
    expect(searchKey(p)).toBe('a = 7. b = a + 5. What is b?');
    expect(previewMatches({ promptPreview: 'a = 7. b = a + 5.' }, p)).toBe(true);
    expect(previewMatches({ promptPreview: 'a = 8.' }, p)).toBe(false);
    expect(samePrompt(p, { ...p })).toBe(true);
    expect(samePrompt(p, { kind: 'raw', text: p.text })).toBe(false);
  });
});

describe('compareRows', () => {
  const ar = run('ar', 'autoregressive', ['base'], metrics(30, 1000), '2026-01-02');
  const arOld = run('ar0', 'autoregressive', ['base'], metrics(30, 2000), '2026-01-01');
  const arSmall = run('ars', 'autoregressive', ['draft'], metrics(30, 100), '2026-01-03');
  const tr = run('tr', 'token_recycling', ['base'], metrics(30, 500, { meanAcceptanceLength: 2.5 }));
  const sd = run('sd', 'chain_sd', ['base', 'draft'], metrics(30, 250, { meanAcceptanceLength: 4 }));

  it('finds the latest autoregressive run of the target model', () => {
    expect(autoregressiveBaseline([arOld, ar, arSmall, tr], 'base')?.id).toBe('ar');
    expect(autoregressiveBaseline([tr], 'base')).toBeNull();
  });

  it('computes tokens/s and speedup against the baseline', () => {
    expect(tokensPerSecond(ar.metrics)).toBe(30);
    const rows = compareRows(tr, [sd], ar);
    expect(rows.map((r) => [r.id, r.meanAcceptanceLength, r.tokensPerS, r.speedup, r.isCurrent, r.isBaseline])).toEqual([
      ['tr', 2.5, 60, 2, true, false],
      ['sd', 4, 120, 4, false, false],
      ['ar', 1, 30, 1, false, true],
    ]);
  });

  it('has no speedup without a baseline', () => {
    expect(compareRows(tr, [], null)[0]!.speedup).toBeNull();
  });
});
