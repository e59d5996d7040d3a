import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Experiment } from '@app/experiments';
import type { Database } from './db';
import { createExperiment, deleteExperiment, experimentRuns, getExperiment, listExperiments, updateExperiment } from './experiments';
import { getRun } from './runs';
import { at, chainRequest, experimentSpec, recordRun, runRequest, tempDb } from './test-fixtures';
import { readTrace } from './trace';

let t: ReturnType<typeof tempDb>;
let db: Database;
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

function withRuns(): void {
  createExperiment(db, { id: 'exp', spec: experimentSpec('ds'), total: 4, createdAt: at(0) });
  let n = 0;
  for (const label of ['ar', 'sd']) {
    for (const sample of [0, 1]) {
      const base = { experimentId: 'exp', datasetItemId: 'ds:0', configLabel: label, sampleIndex: sample };
      recordRun(db, `${label}-${sample}`, {
        createdAt: at(10 + n++),
        request: label === 'ar' ? runRequest(base) : chainRequest(base),
        end: { correct: sample === 0, answer: sample === 0 ? '14' : '13' },
      });
    }
  }
}

describe('experiments', () => {
  it('creates, lists, reads and updates status and progress', () => {
    const created = createExperiment(db, { id: 'e1', spec: experimentSpec('ds'), total: 8, createdAt: at(0) });
    expect(Experiment.parse(created)).toEqual(created);
    expect(created).toMatchObject({ status: 'queued', done: 0, total: 8 });
    createExperiment(db, { id: 'e2', spec: experimentSpec('ds'), total: 2, createdAt: at(1) });
    expect(listExperiments(db).map((e) => e.id)).toEqual(['e2', 'e1']);

    expect(updateExperiment(db, 'e1', { status: 'running' })).toMatchObject({ status: 'running', done: 0, total: 8 });
    expect(updateExperiment(db, 'e1', { done: 3 })).toMatchObject({ status: 'running', done: 3, total: 8 });
    expect(getExperiment(db, 'e1')).toMatchObject({ done: 3, spec: experimentSpec('ds') });
    expect(() => updateExperiment(db, 'nope', { done: 1 })).toThrow(/No experiment/);
  });

  it('returns the runs of an experiment for the results matrix', () => {
    withRuns();
    recordRun(db, 'unrelated');
    const runs = experimentRuns(db, 'exp');
    expect(runs.map((r) => [r.id, r.configLabel, r.sampleIndex, r.correct, r.answer])).toEqual([
      ['ar-0', 'ar', 0, true, '14'],
      ['ar-1', 'ar', 1, false, '13'],
      ['sd-0', 'sd', 0, true, '14'],
      ['sd-1', 'sd', 1, false, '13'],
    ]);
    expect(runs[0]).toMatchObject({ datasetItemId: 'ds:0', status: 'completed', metrics: { newTokens: 5 } });
    expect(() => experimentRuns(db, 'nope')).toThrow(/No experiment/);
  });

  it('deletes with its runs and their traces, or keeps the runs detached', () => {
    withRuns();
    deleteExperiment(db, 'exp', { keepRuns: true });
    expect(getRun(db, 'ar-0').experimentId).toBeNull();
    expect(readTrace(db, 'ar-0')).toHaveLength(5);
    expect(() => getExperiment(db, 'exp')).toThrow(/No experiment/);
  });

  it('deletes its runs by default', () => {
    withRuns();
    deleteExperiment(db, 'exp');
    expect(() => getExperiment(db, 'exp')).toThrow(/No experiment/);
    expect(() => getRun(db, 'sd-1')).toThrow(/No run/);
    expect(db.prepare('SELECT count(*) FROM run_token').pluck().get()).toBe(0);
    expect(() => deleteExperiment(db, 'exp')).toThrow(/No experiment/);
  });
});
