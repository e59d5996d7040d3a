import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@app/errors';
import { RunRecord, RunSummary } from '@app/runs';
import type { Database } from './db';
import { createExperiment } from './experiments';
import { createRun, deleteRuns, finishRun, getRun, listRuns, markRunning, promptPreview } from './runs';
import { at, chainRequest, experimentSpec, recordRun, runMetrics, runRequest, tempDb, tokenEvent } from './test-fixtures';
import { readTrace, TraceWriter } from './trace';

let t: ReturnType<typeof tempDb>;
let db: Database;
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

describe('run lifecycle', () => {
  it('creates a queued run from a request, then running, then finished, each state a valid RunRecord', () => {
    createExperiment(db, { id: 'exp', spec: experimentSpec('ds'), total: 4 });
    const request = runRequest({ experimentId: 'exp', datasetItemId: 'ds:0', armId: 'ar', configLabel: 'ar', sampleIndex: 1, tags: ['smoke', 'Alpha'] });
    const created = createRun(db, { id: 'r1', request, createdAt: at(0), seed: 42, models: ['base'] });
    expect(RunRecord.parse(created)).toEqual(created);
    expect(created).toMatchObject({
      status: 'queued',
      method: 'autoregressive',
      models: ['base'],
      config: request.config,
      prompt: request.prompt,
      promptText: null,
      output: '',
      finishedAt: null,
      metrics: null,
      experimentId: 'exp',
      datasetItemId: 'ds:0',
      armId: 'ar',
      configLabel: 'ar',
      sampleIndex: 1,
      seed: 42,
      tags: ['smoke', 'Alpha'],
      setup: { fingerprints: {} },
    });

    expect(markRunning(db, 'r1', { promptText: '<user>What?</user>', promptTokens: 9, setup: { fingerprints: { 'model:base': 'sha256:abc' } } })).toBe(true);
    expect(getRun(db, 'r1')).toMatchObject({ status: 'running', promptText: '<user>What?</user>', setup: { fingerprints: { 'model:base': 'sha256:abc' } } });

    const metrics = runMetrics(3, { perPositionAcceptance: [0.5, 0.25] });
    finishRun(db, 'r1', { status: 'completed', output: 'Answer: 14', metrics, error: null, answer: '14', correct: true, finishedAt: at(5) });
    const done = getRun(db, 'r1');
    expect(RunRecord.parse(done)).toEqual(done);
    expect(done).toMatchObject({ status: 'completed', output: 'Answer: 14', metrics, answer: '14', correct: true, finishedAt: at(5) });
  });

  it('keeps a failed run with its error and a null correctness', () => {
    createRun(db, { id: 'f', request: runRequest(), createdAt: at(0), seed: 0, models: ['base'] });
    finishRun(db, 'f', { status: 'failed', output: 'partial', metrics: null, error: { code: 'context_overflow', message: 'too long' } });
    expect(getRun(db, 'f')).toMatchObject({ status: 'failed', error: { code: 'context_overflow', message: 'too long' }, correct: null, answer: null });
  });

  it('does not restart a run cancelled before the engine started it', () => {
    createRun(db, { id: 'c', request: runRequest(), createdAt: at(0), seed: 0, models: ['base'] });
    finishRun(db, 'c', { status: 'cancelled', output: '', metrics: null, error: null });
    expect(markRunning(db, 'c', { promptText: 'p', promptTokens: 1, setup: {} })).toBe(false);
    expect(getRun(db, 'c').status).toBe('cancelled');
  });

  it('throws not_found for unknown runs', () => {
    const err = (() => {
      try {
        getRun(db, 'nope');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(WorkbenchError);
    expect((err as WorkbenchError).code).toBe('not_found');
    expect(() => markRunning(db, 'nope', { promptText: '', promptTokens: 0, setup: {} })).toThrow(/No run/);
    expect(() => finishRun(db, 'nope', { status: 'completed', output: '', metrics: null, error: null })).toThrow(/No run/);
  });

  it('rebuilds the output of an interrupted run without one from its tokens', () => {
    createRun(db, { id: 'i', request: runRequest(), createdAt: at(0), seed: 0, models: ['base'] });
    new TraceWriter(db, 'i').appendAll([tokenEvent(0), tokenEvent(1)]);
    finishRun(db, 'i', { status: 'interrupted', output: '', metrics: null, error: null });
    expect(getRun(db, 'i').output).toBe('t0 t1 ');
    expect(listRuns(db).runs[0]!.output).toBe('t0 t1 ');
  });

  it('deletes runs with their traces', () => {
    recordRun(db, 'a', { tokens: 3, before: [{ kind: 'note', level: 'info', message: 'hi' }] });
    recordRun(db, 'b', { tokens: 3 });
    expect(deleteRuns(db, ['a', 'a', 'missing'])).toBe(1);
    expect(() => getRun(db, 'a')).toThrow(/No run/);
    expect(readTrace(db, 'a')).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM run_token WHERE run_id = 'a'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM run_event WHERE run_id = 'a'").pluck().get()).toBe(0);
    expect(readTrace(db, 'b')).toHaveLength(3);
  });
});

describe('promptPreview', () => {
  it('shows the last user message of a chat, collapsed and cut at 200 code points', () => {
    expect(
      promptPreview({
        kind: 'chat',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'first' },
          { role: 'assistant', content: 'ok' },
          { role: 'user', content: '  second\n\nquestion ' },
        ],
      }),
    ).toBe('second question');
    const long = promptPreview({ kind: 'text', text: '😀'.repeat(300) });
    expect(Array.from(long)).toHaveLength(200);
    expect(long.endsWith('😀')).toBe(true);
  });
});

describe('listRuns', () => {
  beforeEach(() => {
    createExperiment(db, { id: 'exp', spec: experimentSpec('ds'), total: 2 });
    recordRun(db, 'run-a', { createdAt: at(1), request: runRequest({ prompt: { kind: 'text', text: 'Alpha question' }, tags: ['Warmup'] }) });
    recordRun(db, 'run-b', {
      createdAt: at(2),
      request: chainRequest({ prompt: { kind: 'text', text: 'Beta 100% sure_thing' }, experimentId: 'exp', configLabel: 'SD gamma=3' }),
    });
    recordRun(db, 'run-c', { createdAt: at(3), end: { status: 'failed', output: 'boom', metrics: null } });
  });

  it('lists newest first with summaries that match the contract', () => {
    const { runs, total } = listRuns(db);
    expect(total).toBe(3);
    expect(runs.map((r) => r.id)).toEqual(['run-c', 'run-b', 'run-a']);
    for (const r of runs) expect(RunSummary.parse(r)).toEqual(r);
    expect(runs[1]).toMatchObject({ promptPreview: 'Beta 100% sure_thing', models: ['base', 'draft'], configLabel: 'SD gamma=3', experimentId: 'exp' });
  });

  it('searches case-insensitively over id, preview, output, tags and config label', () => {
    const ids = (search: string) => listRuns(db, { search }).runs.map((r) => r.id);
    expect(ids('RUN-A')).toEqual(['run-a']);
    expect(ids('alpha')).toEqual(['run-a']);
    expect(ids('BOOM')).toEqual(['run-c']);
    expect(ids('warmup')).toEqual(['run-a']);
    expect(ids('gamma=3')).toEqual(['run-b']);
    // LIKE wildcards in the search are literal characters.
    expect(ids('100%')).toEqual(['run-b']);
    expect(ids('e_t')).toEqual(['run-b']);
    expect(ids('a%a')).toEqual([]);
    expect(ids('   ')).toHaveLength(3);
  });

  it('filters by models (any of), methods, statuses and experiment, and pages', () => {
    expect(listRuns(db, { models: ['draft', 'other'] }).runs.map((r) => r.id)).toEqual(['run-b']);
    expect(listRuns(db, { models: ['base'] }).total).toBe(3);
    expect(listRuns(db, { methods: ['autoregressive'] }).runs.map((r) => r.id)).toEqual(['run-c', 'run-a']);
    expect(listRuns(db, { statuses: ['failed'] }).runs.map((r) => r.id)).toEqual(['run-c']);
    expect(listRuns(db, { experimentId: 'exp' }).runs.map((r) => r.id)).toEqual(['run-b']);
    expect(listRuns(db, { methods: [] }).total).toBe(3);
    const page = listRuns(db, { limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.runs.map((r) => r.id)).toEqual(['run-b']);
    expect(() => listRuns(db, { limit: 0 })).toThrow();
  });

  it('stays fast with 20,000 runs', () => {
    const insert = db.transaction(() => {
      for (let i = 0; i < 20_000; i++) {
        const sd = i % 3 === 0;
        const request = sd
          ? chainRequest({ prompt: { kind: 'text', text: `Question ${i}: what is ${i} + ${i % 97}?` }, tags: [`batch-${i % 10}`] })
          : runRequest({ prompt: { kind: 'text', text: `Question ${i}: what is ${i} + ${i % 97}?` }, tags: [`batch-${i % 10}`] });
        createRun(db, { id: `bulk-${String(i).padStart(5, '0')}`, request, createdAt: at(1000 + i), seed: i, models: sd ? ['base', 'draft'] : ['base'] });
        finishRun(db, `bulk-${String(i).padStart(5, '0')}`, {
          status: i % 50 === 0 ? 'failed' : 'completed',
          output: `Let me think step by step about item ${i}. `.repeat(8) + `Answer: ${2 * i}`,
          metrics: runMetrics(64),
          error: null,
          finishedAt: at(2000 + i),
        });
      }
    });
    insert();

    const timings: Record<string, number> = {};
    const time = <T>(name: string, f: () => T): T => {
      const start = performance.now();
      const out = f();
      timings[name] = performance.now() - start;
      return out;
    };
    const all = time('unfiltered page', () => listRuns(db, {}));
    expect(all.total).toBe(20_003);
    expect(all.runs).toHaveLength(200);
    expect(all.runs[0]!.id).toBe('bulk-19999');

    const searched = time('search + method + status', () =>
      listRuns(db, { search: 'ITEM 1234.', methods: ['autoregressive'], statuses: ['completed'] }),
    );
    expect(searched.runs.map((r) => r.id)).toEqual(['bulk-01234']);

    const byModel = time('models filter, deep page', () => listRuns(db, { models: ['draft'], offset: 6000, limit: 100 }));
    expect(byModel.total).toBe(6667 + 1);
    expect(byModel.runs).toHaveLength(100);

    const miss = time('search with no match', () => listRuns(db, { search: 'no such text anywhere' }));
    expect(miss.total).toBe(0);

    console.log('listRuns over 20k runs (ms):', Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 10) / 10])));
    // Generous bounds: a laptop does each in well under 100 ms; a list that scans JSON per row or
    // loads all rows would take seconds.
    for (const ms of Object.values(timings)) expect(ms).toBeLessThan(1000);
  });
});
