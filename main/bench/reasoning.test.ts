// The reasoning benchmark end to end at its smallest (one problem, one cell, no warm-up): every
// section prints its Markdown table with the expected rows and returns matching numbers.
import { describe, expect, it } from 'vitest';
import { runReasoningBench } from './reasoning';

describe('runReasoningBench', () => {
  it('prints the EAD, SpecReason and RICE tables with their rows', async () => {
    const lines: string[] = [];
    const r = await runReasoningBench({ provider: 'cpu', problemsPerCell: 1, families: ['variables'], difficulties: [1], calibrationPerCell: 1, warmup: false, out: (l) => lines.push(l) });
    expect(r.problems).toBe(1);
    const text = lines.join('\n');
    const rowsOf = (heading: string) => {
      const from = lines.findIndex((l) => l.startsWith(heading));
      expect(from).toBeGreaterThanOrEqual(0);
      const rows: string[] = [];
      for (let i = from + 4; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(lines[i]!.split('|')[1]!.trim());
      return rows;
    };
    expect(rowsOf('### (a)')).toEqual(['small alone (draft)', ...r.taus.map((t) => `EAD tau=${t}`), 'large alone (base)']);
    expect(r.taus.length).toBeGreaterThanOrEqual(2);
    expect(r.taus[0]).toBe(0);
    expect(rowsOf('### (b)')).toEqual(['small alone (draft)', 'large alone (base)', 'SpecReason t=7 greedy', 'SpecReason t=7 average', 'SpecReason+Decode t=7 (gamma 4)', 'SpecReason t=7, closing step by large', 'SpecReason+Decode t=7, closing step by large']);
    expect(rowsOf('### (c)')).toEqual(['moe unsteered', ...['logit', 'gate', 'gate_renorm'].flatMap((f) => [4, 64].map((b) => `RICE ${f} beta=${b}`))]);
    expect(r.ead[0]!.largeShare).toBe(0);
    expect(r.ead[r.ead.length - 1]!.largeShare).toBe(1);
    expect(r.specreason[2]!.stepsAcceptedShare).not.toBeNull();
    expect(r.rice!.calibration.top).toHaveLength(2);
    expect(r.rice!.rows.every((row) => row.problems === 1)).toBe(true);
    expect(text).toContain('speedup vs large');
  });

  it('runs only the RICE section when asked (the moe model alone)', async () => {
    const lines: string[] = [];
    const r = await runReasoningBench({ provider: 'cpu', problemsPerCell: 1, families: ['variables'], difficulties: [1], calibrationPerCell: 1, warmup: false, onlyRice: true, out: (l) => lines.push(l) });
    expect(r.ead).toEqual([]);
    expect(r.specreason).toEqual([]);
    expect(r.taus).toEqual([]);
    expect(r.rice!.rows).toHaveLength(7);
    expect(lines.some((l) => l.startsWith('### (a)') || l.startsWith('### (b)'))).toBe(false);
    expect(lines.some((l) => l.startsWith('### (c)'))).toBe(true);
  });
});
