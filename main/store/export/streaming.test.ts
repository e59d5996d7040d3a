import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormat } from '@app/exports';
import type { Database } from '../db';
import { createExperiment } from '../experiments';
import { createRun, finishRun, markRunning } from '../runs';
import { at, experimentSpec, runMetrics, runRequest, streamEvent, tempDb } from '../test-fixtures';
import { TraceWriter } from '../trace';
import { exportRuns } from './index';

// A full GC before each heap reading, so the numbers are live data, not garbage not yet collected.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const RUNS = 10_000;
const EVENTS_PER_RUN = 30; // 6 draft rounds + 24 tokens, each token with two alternatives

let t: ReturnType<typeof tempDb>;
let db: Database;
let out: string;

beforeAll(() => {
  t = tempDb();
  db = t.db;
  out = mkdtempSync(path.join(os.tmpdir(), 'workbench-stream-'));
  createExperiment(db, { id: 'big', spec: experimentSpec('ds'), total: RUNS });
  const start = performance.now();
  db.transaction(() => {
    for (let r = 0; r < RUNS; r++) {
      const id = `run-${String(r).padStart(5, '0')}`;
      createRun(db, { id, request: runRequest({ experimentId: 'big', configLabel: r % 2 ? 'sd' : 'ar', sampleIndex: 0 }), createdAt: at(r), seed: r, models: ['base'] });
      markRunning(db, id, { promptText: 'prompt', promptTokens: 12, setup: { fingerprints: { 'target:base': 'sha256:base' } } });
      const writer = new TraceWriter(db, id);
      let output = '';
      for (let n = 0; n < EVENTS_PER_RUN; n++) {
        const e = streamEvent(n);
        writer.append(e);
        if (e.kind === 'token') output += e.text;
      }
      finishRun(db, id, { status: 'completed', output, metrics: runMetrics(24), error: null, answer: '14', correct: r % 3 !== 0, finishedAt: at(r + 5) });
    }
  })();
  console.log(`seeded ${RUNS} runs x ${EVENTS_PER_RUN} events in ${Math.round(performance.now() - start)} ms`);
});

afterAll(() => {
  t.cleanup();
  rmSync(out, { recursive: true, force: true });
});

/** Runs an export, sampling the live heap (after a full GC) every 100 ms; returns the peak growth. */
async function measured(format: ExportFormat, file: string): Promise<{ ms: number; growthMb: number; result: Awaited<ReturnType<typeof exportRuns>> }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => {
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 100);
  const start = performance.now();
  try {
    const result = await exportRuns(db, { experimentId: 'big' }, format, file);
    const ms = performance.now() - start;
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { ms, growthMb: (peak - base) / 2 ** 20, result };
  } finally {
    clearInterval(sampler);
  }
}

describe(`exporting ${RUNS} runs with ${RUNS * EVENTS_PER_RUN} trace events`, () => {
  const report: Record<string, string> = {};
  afterAll(() => console.log('10k-run exports (time incl. GC sampling, peak live heap growth, size):', report));

  it.each(['jsonl', 'csv', 'specbench', 'parquet'] as const)('streams %s with bounded memory and the right row counts', async (format) => {
    const ext = format === 'specbench' ? 'sb.jsonl' : format;
    const file = path.join(out, `big.${ext}`);
    const { ms, growthMb, result } = await measured(format, file);
    const bytes = result.files.reduce((a, f) => a + f.bytes, 0);
    report[format] = `${Math.round(ms)} ms, +${growthMb.toFixed(1)} MB heap, ${(bytes / 2 ** 20).toFixed(1)} MB on disk`;
    expect(result.runs).toBe(RUNS);
    if (format === 'parquet') {
      expect(result.files.map((f) => f.rows)).toEqual([RUNS, RUNS * 6, RUNS * 24]);
      const meta = await parquetMetadataAsync(await asyncBufferFromFile(result.files[2]!.path));
      expect(Number(meta.num_rows)).toBe(RUNS * 24);
      expect(meta.row_groups.length).toBeGreaterThan(1);
    } else {
      expect(result.files[0]!.rows).toBe(RUNS);
      const text = readFileSync(file, 'utf8');
      const lineEnd = format === 'csv' ? '\r\n' : '\n';
      expect(text.split(lineEnd).length - 1).toBe(format === 'csv' ? RUNS + 1 : RUNS);
      expect(statSync(file).size).toBe(result.files[0]!.bytes);
    }
    // Holding the export in memory would take several times its size on disk (the JSONL is ~100 MB);
    // streaming keeps the live heap within a few pages of runs.
    expect(growthMb).toBeLessThan(48);
  });
});
