// The speculative benchmark end to end on one short problem: a row per method, greedy outputs
// identical to the baseline, and the table printed through `out`.
import { describe, expect, it } from 'vitest';
import { benchProblems, runSpecBench, specBenchMethods } from './spec';

describe('runSpecBench', () => {
  it('reports every method on one problem with outputs identical to the baseline', async () => {
    const lines: string[] = [];
    const result = await runSpecBench({ provider: 'cpu', problems: 1, maxNewTokens: 16, out: (l) => lines.push(l) });
    expect(result.rows.map((r) => r.key)).toEqual(['baseline', ...specBenchMethods.map((m) => m.key)]);
    for (const r of result.rows) {
      expect(r.failures, r.label).toEqual([]);
      expect(r.identical, r.label).toBe(1);
      expect(r.newTokens, r.label).toBe(16);
      expect(result.table).toContain(`| ${r.label} |`);
    }
    const speculative = result.rows.filter((r) => r.key !== 'baseline');
    expect(speculative.every((r) => r.meanAcceptanceLength! >= 1 && r.perRound !== null && r.speedup! > 0)).toBe(true);
    expect(lines.join('\n')).toContain(result.table);
  });

  it('cycles through families and difficulties 2-6', () => {
    const problems = benchProblems(15, 2024);
    expect(new Set(problems.map((p) => `${p.family}/${p.difficulty}`)).size).toBe(15);
    expect(new Set(problems.map((p) => p.id)).size).toBe(15);
  });
});
