import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WorkbenchError } from '@app/errors';
import { TraceEvent } from '@app/events';
import { ExportResult } from '@app/exports';
import { RunMetrics, RunRecord } from '@app/runs';
import { createDataset } from '../datasets';
import type { Database } from '../db';
import { createExperiment } from '../experiments';
import { createRun, getRun } from '../runs';
import { at, chainRequest, experimentSpec, fullTrace, recordRun, runRequest, tempDb } from '../test-fixtures';
import { readTrace } from '../trace';
import { csvField } from './csv';
import { flatRunColumns, metricTypes } from './flat-run';
import { exportRuns, parquetPaths } from './index';
import { RUN_PAGE } from './selection';

let t: ReturnType<typeof tempDb>;
let db: Database;
let out: string;
beforeEach(() => {
  t = tempDb();
  db = t.db;
  out = mkdtempSync(path.join(os.tmpdir(), 'workbench-export-'));
});
afterEach(() => {
  t.cleanup();
  rmSync(out, { recursive: true, force: true });
});

const tricky = 'Line one, with "quotes"\r\nline two; ünïcødé 😀\n';

/** Three runs: a chain-SD run with every event kind, a tricky-output AR run, a failed run without metrics. */
function seed(): string[] {
  createDataset(db, {
    id: 'ds',
    name: 'Tiny',
    source: 'synthetic',
    grading: { kind: 'numeric', tolerance: 0 },
    items: [{ externalId: 'q-7', question: 'What is 2 + 3 * 4?', answer: '14', metadata: { family: 'arithmetic' } }],
  });
  recordRun(db, 'sd', { createdAt: at(1), request: chainRequest({ datasetItemId: 'ds:0', configLabel: 'SD, γ=3', tags: ['a,b', 'c"d'] }), before: fullTrace().filter((e) => e.kind !== 'token') });
  recordRun(db, 'ar', { createdAt: at(2), tokens: 7, end: { output: tricky, metrics: RunMetrics.parse({ ...getMetrics(7), perPositionAcceptance: [0.5, 0.25] }) } });
  recordRun(db, 'bad', { createdAt: at(3), tokens: 2, end: { status: 'failed', metrics: null, answer: null, correct: null, error: { code: 'engine_crashed', message: 'engine died, "badly"' } } });
  return ['sd', 'ar', 'bad'];
}

function getMetrics(n: number): RunMetrics {
  return RunMetrics.parse({ promptTokens: 12, newTokens: n, ttftMs: null, prefillMs: 3, prefillTokensPerS: null, decodeMs: 10, decodeTokensPerS: 600, totalMs: 13 });
}

/** A small RFC 4180 parser, to check the CSV the way a spreadsheet would read it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('JSONL export', () => {
  it('writes one run per line with its nested trace, identical to the store', async () => {
    const ids = seed();
    const file = path.join(out, 'runs.jsonl');
    const result = await exportRuns(db, { runIds: ids }, 'jsonl', file);
    expect(ExportResult.parse(result)).toEqual(result);
    expect(result).toMatchObject({ runs: 3, downloads: [], files: [{ name: 'runs.jsonl', path: file, rows: 3 }] });
    const text = readFileSync(file, 'utf8');
    expect(result.files[0]!.bytes).toBe(Buffer.byteLength(text));
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as RunRecord & { events: unknown[] });
    expect(lines.map((l) => l.id)).toEqual(ids);
    for (const line of lines) {
      const { events, ...record } = line;
      expect(RunRecord.parse(record)).toEqual(getRun(db, line.id));
      expect(z.array(TraceEvent).parse(events)).toEqual(readTrace(db, line.id));
    }
    // sd holds every non-token kind from fullTrace plus its own five tokens.
    expect(lines[0]!.events).toHaveLength(fullTrace().filter((e) => e.kind !== 'token').length + 5);
    expect(lines[1]!.output).toBe(tricky);
  });
});

describe('CSV export', () => {
  it('writes the flat runs table with RFC 4180 quoting, metrics columns and JSON arrays', async () => {
    seed();
    const file = path.join(out, 'runs.csv');
    const result = await exportRuns(db, { runIds: ['sd', 'ar', 'bad'] }, 'csv', file);
    expect(result.files[0]!.rows).toBe(3);
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(flatRunColumns.map((c) => c.name));
    expect(header).toContain('metrics.ttftMs');
    expect(rows).toHaveLength(3);
    const rec = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
    expect(rec[0]).toMatchObject({
      id: 'sd',
      method: 'chain_sd',
      models: '["base","draft"]',
      tags: '["a,b","c\\"d"]',
      configLabel: 'SD, γ=3',
      datasetItemId: 'ds:0',
      seed: '7',
      correct: 'true',
      'metrics.newTokens': '5',
      'metrics.ttftMs': '4.5',
      'metrics.rounds': '',
      'error.code': '',
    });
    expect(JSON.parse(rec[0]!.config!)).toEqual(getRun(db, 'sd').config);
    expect(rec[1]).toMatchObject({ output: tricky, 'metrics.ttftMs': '', 'metrics.perPositionAcceptance': '[0.5,0.25]' });
    expect(rec[2]).toMatchObject({ status: 'failed', correct: '', answer: '', 'metrics.totalMs': '', 'error.code': 'engine_crashed', 'error.message': 'engine died, "badly"' });
  });

  it('covers every metric of the contract', () => {
    expect(Object.keys(metricTypes).sort()).toEqual(Object.keys(RunMetrics.shape).sort());
  });
});

describe('Parquet export', () => {
  async function read(file: string): Promise<Record<string, unknown>[]> {
    return parquetReadObjects({ file: await asyncBufferFromFile(file) });
  }

  it('writes runs, events and tokens tables whose rows match the store', async () => {
    const ids = seed();
    const file = path.join(out, 'export.parquet');
    const result = await exportRuns(db, { runIds: ids }, 'parquet', file);
    const paths = parquetPaths(file);
    expect(result.files.map((f) => f.name)).toEqual(['export.runs.parquet', 'export.events.parquet', 'export.tokens.parquet']);
    expect(readdirSync(out).sort()).toEqual(['export.events.parquet', 'export.runs.parquet', 'export.tokens.parquet']);

    const runs = await read(paths.runs);
    expect(runs.map((r) => r.id)).toEqual(ids);
    const sd = getRun(db, 'sd');
    expect(runs[0]).toMatchObject({
      id: 'sd',
      createdAt: new Date(sd.createdAt),
      status: 'completed',
      models: ['base', 'draft'],
      seed: 7n,
      correct: true,
      config: sd.config,
      prompt: sd.prompt,
      'metrics.newTokens': 5,
      'metrics.rounds': null,
    });
    expect(runs[1]).toMatchObject({ output: tricky, 'metrics.perPositionAcceptance': [0.5, 0.25] });
    expect(runs[2]).toMatchObject({ correct: null, finishedAt: new Date(getRun(db, 'bad').finishedAt!), 'error.code': 'engine_crashed' });

    const events = await read(paths.events);
    const tokens = await read(paths.tokens);
    const stored = ids.flatMap((id) => readTrace(db, id).map((e) => ({ id, e })));
    expect(events.length + tokens.length).toBe(stored.length);
    expect(result.files.map((f) => f.rows)).toEqual([3, events.length, tokens.length]);
    expect(events.map((r) => [r.runId, r.payload])).toEqual(stored.filter((s) => s.e.kind !== 'token').map((s) => [s.id, s.e]));
    expect(events.find((r) => r.kind === 'switch')).toMatchObject({ tokenIndex: 4 });
    const storedTokens = stored.filter((s) => s.e.kind === 'token');
    expect(tokens).toHaveLength(storedTokens.length);
    for (const [i, row] of tokens.entries()) {
      const { id, e } = storedTokens[i]!;
      if (e.kind !== 'token') throw new Error('unreachable');
      expect(row).toEqual({
        runId: id,
        seq: expect.any(Number),
        index: e.index,
        id: e.id,
        text: e.text,
        logprob: e.logprob,
        entropy: e.entropy,
        source: e.source,
        tMs: e.tMs,
        rollingEntropy: e.rollingEntropy ?? null,
        top: e.top,
        experts: e.experts ?? null,
      });
    }
    // Columns are typed as SCHEMAS.md says, with required ones REQUIRED.
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(paths.tokens));
    const byName = Object.fromEntries(meta.schema.slice(1).map((s) => [s.name, s]));
    expect(byName.logprob).toMatchObject({ type: 'DOUBLE', repetition_type: 'REQUIRED' });
    expect(byName.rollingEntropy).toMatchObject({ type: 'DOUBLE', repetition_type: 'OPTIONAL' });
    expect(byName.top).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'JSON' });
  });

  it('writes valid empty tables for an experiment without runs', async () => {
    createExperiment(db, { id: 'empty', spec: experimentSpec('ds'), total: 0 });
    const result = await exportRuns(db, { experimentId: 'empty' }, 'parquet', path.join(out, 'e.parquet'));
    expect(result.runs).toBe(0);
    for (const f of result.files) {
      expect(f.rows).toBe(0);
      expect(await read(f.path)).toEqual([]);
    }
  });
});

describe('Spec-Bench export', () => {
  it('writes the answer format speed.py reads: per-step accept lengths, tokens and wall time per turn', async () => {
    seed();
    const file = path.join(out, 'specbench.jsonl');
    const result = await exportRuns(db, { runIds: ['sd', 'ar', 'bad'] }, 'specbench', file);
    expect(result.runs).toBe(3);
    expect(result.files[0]!.rows).toBe(2); // the failed run is left out
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({
      question_id: 'q-7',
      category: 'arithmetic',
      answer_id: 'sd',
      model_id: 'SD, γ=3',
      choices: [{ index: 0, turns: ['t0 t1 t2 t3 t4 '], decoding_steps: [2], new_tokens: [5], wall_time: [0.0125], accept_lengths: [3, 2] }],
      tstamp: Date.parse(getRun(db, 'sd').finishedAt!) / 1000,
    });
    // A run without a dataset item is keyed by its prompt, so other methods' runs of it line up.
    expect(lines[1]).toMatchObject({
      question_id: expect.stringMatching(/^prompt-[0-9a-f]{16}$/),
      category: 'prompt',
      model_id: 'autoregressive/base',
      choices: [{ turns: [tricky], decoding_steps: [7], new_tokens: [7], wall_time: [0.013], accept_lengths: [1, 1, 1, 1, 1, 1, 1] }],
    });
    // What evaluation/speed.py computes from these fields.
    const speed = (l: (typeof lines)[number]) => l.choices[0].new_tokens.reduce((a: number, b: number) => a + b) / l.choices[0].wall_time.reduce((a: number, b: number) => a + b);
    expect(speed(lines[0])).toBeCloseTo(400);
  });
});

describe('export targets', () => {
  it('exports a whole experiment oldest first across several pages, and nothing else', async () => {
    createExperiment(db, { id: 'exp', spec: experimentSpec('ds'), total: RUN_PAGE * 2 + 10 });
    const n = RUN_PAGE * 2 + 10;
    db.transaction(() => {
      // Equal timestamps in pairs exercise the (created_at, id) tie-break of the page cursor.
      for (let i = n - 1; i >= 0; i--) createRun(db, { id: `e${String(i).padStart(4, '0')}`, request: runRequest({ experimentId: 'exp' }), createdAt: at(Math.floor(i / 2)), seed: i, models: ['base'] });
      createRun(db, { id: 'outside', request: runRequest(), createdAt: at(0), seed: 0, models: ['base'] });
    })();
    const file = path.join(out, 'exp.jsonl');
    const result = await exportRuns(db, { experimentId: 'exp' }, 'jsonl', file);
    expect(result.runs).toBe(n);
    const ids = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(Array.from({ length: n }, (_, i) => `e${String(i).padStart(4, '0')}`));
  });

  it('keeps the order of the ids asked for, once each', async () => {
    seed();
    const file = path.join(out, 'some.csv');
    await exportRuns(db, { runIds: ['bad', 'sd', 'bad'] }, 'csv', file);
    expect(parseCsv(readFileSync(file, 'utf8')).slice(1).map((r) => r[0])).toEqual(['bad', 'sd']);
  });

  it('refuses unknown runs or experiments and bad paths before writing anything', async () => {
    seed();
    const attempt = async (f: () => Promise<unknown>): Promise<WorkbenchError> => {
      const err = await f().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(WorkbenchError);
      return err as WorkbenchError;
    };
    const missing = await attempt(() => exportRuns(db, { runIds: ['sd', 'ghost'] }, 'jsonl', path.join(out, 'x.jsonl')));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toMatch(/"ghost"/);
    expect((await attempt(() => exportRuns(db, { experimentId: 'nope' }, 'csv', path.join(out, 'x.csv')))).code).toBe('not_found');
    expect((await attempt(() => exportRuns(db, { runIds: ['sd'] }, 'csv', path.join(out, 'x.jsonl')))).code).toBe('path_invalid');
    expect((await attempt(() => exportRuns(db, { runIds: ['sd'] }, 'parquet', 'out.parquet'))).code).toBe('path_invalid');
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(path.join(out, 'x.jsonl'))).toBe(false);
  });

  it('names the parquet tables after the chosen file', () => {
    expect(parquetPaths('/a/b.parquet')).toEqual({ runs: '/a/b.runs.parquet', events: '/a/b.events.parquet', tokens: '/a/b.tokens.parquet' });
    expect(parquetPaths('/a/b.runs.parquet').tokens).toBe('/a/b.tokens.parquet');
  });
});

describe('csvField', () => {
  it('quotes exactly the fields RFC 4180 requires', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('')).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('cr\ronly')).toBe('"cr\ronly"');
    expect(csvField('lf\nonly')).toBe('"lf\nonly"');
  });
});
