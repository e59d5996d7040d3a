// The Spec-Bench export read back the way Spec-Bench's evaluation/speed.py reads it: its speedup and
// "#Mean accepted tokens" recomputed from the answer files must equal the workbench's own figures
// (app/analysis), and question ids must line runs of different methods up by dataset item.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aggregateArms } from '@app/analysis/aggregate';
import type { MeasuredCell } from '@app/analysis/cells';
import type { RunMetrics } from '@app/runs';
import { createDataset } from '../datasets';
import type { Database } from '../db';
import { chainRequest, recordRun, runMetrics, runRequest, tempDb } from '../test-fixtures';
import { exportRuns } from './index';
import type { SpecBenchAnswer } from './specbench';

let t: ReturnType<typeof tempDb>;
let db: Database;
let out: string;
beforeEach(() => {
  t = tempDb();
  db = t.db;
  out = mkdtempSync(path.join(os.tmpdir(), 'workbench-specbench-'));
});
afterEach(() => {
  t.cleanup();
  rmSync(out, { recursive: true, force: true });
});

/** speed.py's speed(): per question sum(new_tokens) / sum(wall_time), mean over questions; ratio of the two means. */
function speedPy(method: SpecBenchAnswer[], baseline: SpecBenchAnswer[]): { speedup: number; meanAccepted: number } {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const speeds = method.map((d) => sum(d.choices[0]!.new_tokens) / sum(d.choices[0]!.wall_time));
  const acceptLengths = method.flatMap((d) => d.choices[0]!.accept_lengths);
  // speed.py recounts the baseline's tokens by re-tokenizing its text and subtracting one for a BOS
  // token (a Vicuna tokenizer); our tokenizers add none, so the baseline's own count is that number.
  const speeds0 = baseline.map((d) => sum(d.choices[0]!.new_tokens) / sum(d.choices[0]!.wall_time));
  return { speedup: mean(speeds) / mean(speeds0), meanAccepted: mean(acceptLengths) };
}

describe('Spec-Bench export read by speed.py', () => {
  it("gives the workbench's speedup and mean accepted tokens, with questions lined up by item", async () => {
    const families = ['arithmetic', 'variables', 'swaps'];
    createDataset(db, {
      id: 'ds',
      name: 'Three',
      source: 'synthetic',
      grading: { kind: 'numeric', tolerance: 0 },
      items: families.map((family, i) => ({ question: `q${i}`, answer: '1', metadata: { family } })),
    });
    // Baseline and chain runs of each item: different lengths, times, accept lengths and stop reasons
    // (an end-of-turn the chain accepted in its last round counts in that round).
    const plan: { base: Partial<RunMetrics> & { newTokens: number }; sd: Partial<RunMetrics> & { newTokens: number } }[] = [
      { base: { newTokens: 20, totalMs: 400, stopReason: 'eos' }, sd: { newTokens: 20, totalMs: 150, stopReason: 'eos', acceptLengths: [1, 4, 5, 3, 5, 3] } },
      { base: { newTokens: 9, totalMs: 100, stopReason: 'max_tokens' }, sd: { newTokens: 9, totalMs: 60, stopReason: 'max_tokens', acceptLengths: [1, 2, 4, 2] } },
      { base: { newTokens: 30, totalMs: 900, stopReason: 'eos' }, sd: { newTokens: 30, totalMs: 200, stopReason: 'eos', acceptLengths: [1, 5, 5, 5, 5, 5, 5] } },
    ];
    const cells: MeasuredCell[] = [];
    plan.forEach((p, i) => {
      for (const [arm, m, request] of [
        ['AR', p.base, runRequest({ datasetItemId: `ds:${i}`, configLabel: 'AR' })],
        ['SD', p.sd, chainRequest({ datasetItemId: `ds:${i}`, configLabel: 'SD' })],
      ] as const) {
        const metrics = runMetrics(m.newTokens, m);
        recordRun(db, `${arm}-${i}`, { request, tokens: m.newTokens, end: { metrics } });
        cells.push({ itemId: `ds:${i}`, armId: arm, arm, sample: 0, runId: `${arm}-${i}`, status: 'completed', correct: true, answer: '1', latencyMs: metrics.totalMs, newTokens: m.newTokens, metrics });
      }
    });
    const file = path.join(out, 'all.jsonl');
    await exportRuns(db, { runIds: cells.map((c) => c.runId) }, 'specbench', file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as SpecBenchAnswer);
    for (const l of lines) expect(l.choices[0]!.accept_lengths.reduce((a, b) => a + b, 0)).toBe(l.choices[0]!.new_tokens[0]);
    const method = lines.filter((l) => l.model_id === 'SD');
    const baseline = lines.filter((l) => l.model_id === 'AR');
    expect(method.map((l) => [l.question_id, l.category])).toEqual(baseline.map((l) => [l.question_id, l.category]));
    expect(method.map((l) => l.category)).toEqual(families);

    const fromExport = speedPy(method, baseline);
    const [, sd] = aggregateArms(
      [
        { id: 'AR', label: 'AR', method: 'autoregressive', baseline: true },
        { id: 'SD', label: 'SD', method: 'chain_sd', baseline: false },
      ],
      cells,
      1,
    );
    expect(sd!.speedup).toBeCloseTo(fromExport.speedup, 12);
    expect(sd!.meanAcceptedTokens).toBeCloseTo(fromExport.meanAccepted, 12);
    // And the numbers themselves: (21/0.15 + 9/0.06 + 31/0.2) / (21/0.4 + 9/0.1 + 31/0.9); 61 tokens over 17 rounds.
    expect(fromExport.speedup).toBeCloseTo((21 / 0.15 + 9 / 0.06 + 31 / 0.2) / (21 / 0.4 + 9 / 0.1 + 31 / 0.9), 12);
    expect(fromExport.meanAccepted).toBeCloseTo(61 / 17, 12);
  });
});
