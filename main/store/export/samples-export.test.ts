// Exports of a repeated-sampling run carry every sample: the JSONL line's events and the Parquet
// events table hold one `sample` row per sample with its text, answer, correctness, scores and
// selected flag, and the runs table has the run's sample metrics.
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SampleEvent } from '@app/events';
import { MethodConfig } from '@app/methods';
import { RunMetrics } from '@app/runs';
import type { Database } from '../db';
import { recordRun, runRequest, tempDb } from '../test-fixtures';
import { exportRuns, parquetPaths } from './index';

let t: ReturnType<typeof tempDb>;
let db: Database;
let out: string;
beforeEach(() => {
  t = tempDb();
  db = t.db;
  out = mkdtempSync(path.join(os.tmpdir(), 'workbench-samples-'));
});
afterEach(() => {
  t.cleanup();
  rmSync(out, { recursive: true, force: true });
});

const samples: SampleEvent[] = [0, 1, 2].map((i) => ({
  kind: 'sample', index: i, seed: i * 65536, text: `<think>x\n</think>\nAnswer: ${i}`, tokens: 9 + i, stopReason: 'eos', answer: String(i), correct: i === 1, score: 0.3 + i / 10, stepScores: [0.9, 0.3 + i / 10], meanLogprob: -0.5, selected: i === 1,
}));

function seed(): void {
  const config = MethodConfig.parse({ method: 'repeated_sampling', models: { model: { model: 'draft' }, judge: { model: 'base' } }, params: { k: 3, verifier: 'judge_prm' } });
  const metrics = RunMetrics.parse({ promptTokens: 12, newTokens: 5, ttftMs: null, prefillMs: 3, prefillTokensPerS: null, decodeMs: 10, decodeTokensPerS: 600, totalMs: 13, samples: 3, sampleTokens: 30, selectedSample: 1, selectedAnswer: '1' });
  recordRun(db, 'rs', { request: runRequest({ config }), before: samples, end: { metrics } });
}

describe('repeated-sampling exports', () => {
  it('JSONL: the run line carries every sample event as recorded', async () => {
    seed();
    const file = path.join(out, 'x.jsonl');
    await exportRuns(db, { runIds: ['rs'] }, 'jsonl', file);
    const line = JSON.parse(readFileSync(file, 'utf8').trim()) as { events: { kind: string }[]; metrics: RunMetrics };
    expect(line.events.filter((e) => e.kind === 'sample')).toEqual(samples);
    expect(line.metrics).toMatchObject({ samples: 3, sampleTokens: 30, selectedSample: 1, selectedAnswer: '1' });
  });

  it('Parquet: one events row per sample, the metrics as runs columns', async () => {
    seed();
    const file = path.join(out, 'x.parquet');
    await exportRuns(db, { runIds: ['rs'] }, 'parquet', file);
    const paths = parquetPaths(file);
    const events = await parquetReadObjects({ file: await asyncBufferFromFile(paths.events) });
    const rows = events.filter((e) => e.kind === 'sample');
    expect(rows.map((r) => r.payload)).toEqual(samples);
    expect(rows.every((r) => r.tokenIndex === null && r.runId === 'rs')).toBe(true);
    const [run] = await parquetReadObjects({ file: await asyncBufferFromFile(paths.runs) });
    expect(run).toMatchObject({ 'metrics.samples': 3, 'metrics.sampleTokens': 30, 'metrics.selectedSample': 1, 'metrics.selectedAnswer': '1' });
  });
});
