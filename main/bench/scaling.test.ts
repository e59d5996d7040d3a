// The scaling benchmark on two easy problems: every configuration runs and is graded, and the
// compute columns mean what they say (sampled tokens cover the output; k samples cost about k times
// one; only the search methods report judge passes).
import { expect, it } from 'vitest';
import { runScalingBench } from './scaling';

it('runs every configuration, with sampled tokens covering the output and judge passes where a PRM ran', async () => {
  const lines: string[] = [];
  const rows = await runScalingBench({ provider: 'cpu', problemsPerCell: 1, difficulties: [3], warmup: false, out: (l) => lines.push(l) });
  expect(rows.map((r) => r.label)).toEqual(['greedy (draft)', 'one sample (draft)', 'majority@4', 'majority@8', 'PRM-best-of-8 (min)', 'particle filtering N=4', 'particle filtering N=8', 'A* k=3', 'A* k=4']);
  for (const r of rows) {
    expect(r.problems).toBe(2);
    expect(r.meanSampledTokens).toBeGreaterThanOrEqual(r.meanOutputTokens);
  }
  const byLabel = new Map(rows.map((r) => [r.label, r]));
  expect(byLabel.get('majority@8')!.meanSampledTokens).toBeGreaterThan(4 * byLabel.get('one sample (draft)')!.meanSampledTokens);
  expect(byLabel.get('particle filtering N=4')!.meanPrmCalls).toBeGreaterThan(0);
  expect(byLabel.get('greedy (draft)')!.meanPrmCalls).toBeNull();
  expect(lines.filter((l) => l.startsWith('| ')).length).toBe(rows.length + 1);
});
