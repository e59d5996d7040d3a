// The batch benchmark at a tiny size: every design it measures gives the one-by-one tokens, and the
// table has a row per N with a speed-up column per design.
import { describe, expect, it } from 'vitest';
import { runBatchBench } from './batch';

describe('bench batch', () => {
  it('measures one by one, rows and tree on the embedded base model, with identical tokens', async () => {
    const lines: string[] = [];
    const rows = await runBatchBench({ provider: 'cpu', ns: [1, 3], tokens: 6, out: (l) => lines.push(l) });
    expect(rows.map((r) => r.n)).toEqual([1, 3]);
    for (const r of rows) {
      expect(r.identical).toBe(true);
      expect(Object.keys(r.ms).sort()).toEqual(['one-by-one', 'rows', 'tree']);
    }
    expect(lines.find((l) => l.startsWith('| N |'))).toContain('x one by one');
    expect(lines.filter((l) => /^\| [13] \|/.test(l))).toHaveLength(2);
  });
});
