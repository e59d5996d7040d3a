// The scaling benchmark at its smallest: one problem, k = 2, the table's rows and their numbers.
import { describe, expect, it } from 'vitest';
import { runScalingBench } from './scaling';

describe('runScalingBench', () => {
  it('prints greedy and each selection rule per k, with accuracy, coverage and compute', async () => {
    const lines: string[] = [];
    const rows = await runScalingBench({ provider: 'cpu', problemsPerCell: 1, families: ['arithmetic'], difficulties: [6], ks: [2], warmup: false, maxNewTokens: 96, out: (l) => lines.push(l) });
    expect(rows.map((r) => r.label)).toEqual(['greedy', 'majority@2', 'mean-logprob best-of-2', 'PRM (min) best-of-2', 'particle filtering N=2', 'A* (4 candidates, 2 x 96 tokens)']);
    expect(rows[0]!.coverage).toBeNull();
    for (const r of rows.slice(1, 4)) {
      expect(r.coverage).not.toBeNull();
      // The oracle bounds every selection rule on the same samples.
      expect(r.accuracy).toBeLessThanOrEqual(r.coverage!);
      expect(r.meanGeneratedTokens).toBeGreaterThan(rows[0]!.meanGeneratedTokens);
    }
    // The same seeds give the same samples: only the judge adds positions.
    expect(rows[1]!.meanGeneratedTokens).toBe(rows[3]!.meanGeneratedTokens);
    expect(rows[3]!.meanPositions).toBeGreaterThan(rows[1]!.meanPositions);
    expect(lines.filter((l) => l.startsWith('| ')).length).toBe(7);
    // The search rows: no coverage (one answer), every particle's / candidate's tokens counted, the judge's positions.
    for (const r of rows.slice(4)) {
      expect(r.coverage).toBeNull();
      expect(r.meanGeneratedTokens).toBeGreaterThan(rows[0]!.meanGeneratedTokens);
      expect(r.meanPositions).toBeGreaterThan(rows[1]!.meanPositions);
    }
  });
});
