// The verify-cost bench on the embedded base model: one row per size, in order, with positive times
// and the one-token pass as the unit (no timing assertion: only the shape of what it reports).
import { describe, expect, it } from 'vitest';
import { runVerifyCostBench } from './verify-cost';

describe('bench verify-cost', () => {
  it('reports one row per pass size against the one-token pass', async () => {
    const lines: string[] = [];
    const rows = await runVerifyCostBench({ provider: 'cpu', pastTokens: 64, sizes: [1, 8, 32], repeats: 2, warmup: 1, out: (l) => lines.push(l) });
    expect(rows.map((r) => r.tokens)).toEqual([1, 8, 32]);
    expect(rows[0]!.relative).toBe(1);
    for (const r of rows) expect(r.medianMs).toBeGreaterThan(0);
    expect(lines.filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(3);
  }, 60_000);
});
