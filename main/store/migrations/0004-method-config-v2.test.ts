// Opens a database file written by main before migration 4 (fixtures/v3-main.db, made by
// ../test-helpers/make-v3-db.ts) and reads its runs and experiments through today's store and contract.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Experiment } from '@app/experiments';
import { RunRecord } from '@app/runs';
import { openDatabase } from '../db';
import { experimentRuns, getExperiment, listExperiments } from '../experiments';
import { getRun, listRuns } from '../runs';
import { readTrace } from '../trace';
import { appliedMigrations } from './migrate';
import { reshapeConfig } from './0004-method-config-v2';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'v3-main.db');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function openFixture() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workbench-v3-'));
  const file = path.join(dir, 'workbench.db');
  copyFileSync(FIXTURE, file);
  const db = openDatabase(file);
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

describe('migration 4 on a database made by main at migration 3', () => {
  it('reads every run in the new config shape, valid against the contract', () => {
    const db = openFixture();
    expect(appliedMigrations(db).map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
    const { runs, total } = listRuns(db, { limit: 100 });
    expect(total).toBe(13);
    for (const summary of runs) {
      const run = getRun(db, summary.id);
      expect(() => RunRecord.parse(run)).not.toThrow();
      expect(run.config.method).toBe(run.method);
      expect(readTrace(db, run.id).filter((e) => e.kind === 'token')).toHaveLength(4);
    }
    expect(getRun(db, 'run-chain').config).toMatchObject({ method: 'chain_sd', models: { target: { model: 'base' }, draft: { model: 'draft' } }, params: { gamma: 3, adaptiveGamma: true } });
    expect(getRun(db, 'run-rsd').config).toMatchObject({ params: { branching: [2, 2] }, sampling: { temperature: 0.7, seed: 11 } });
    expect(getRun(db, 'run-ead').config).toMatchObject({ models: { small: { model: 'draft' }, large: { model: 'base' } }, params: { tau: 0.02 } });
    expect(getRun(db, 'run-ar').config).toEqual({ method: 'autoregressive', models: { model: { model: 'base', provider: 'cpu' } }, params: {}, sampling: expect.objectContaining({ maxNewTokens: 32, seed: 3 }) });
  });

  it("moves RICE's host-filled calibratedExperts from the config to the run's setup", () => {
    const db = openFixture();
    const rice = getRun(db, 'run-rice');
    expect(rice.config).toMatchObject({ method: 'rice', models: { model: { model: 'moe' } }, params: { experts: [], topExperts: 1, form: 'gate' } });
    expect(JSON.stringify(rice.config)).not.toContain('calibratedExperts');
    expect(rice.setup).toEqual({ engine: '0.1.0', fingerprints: { 'r0:moe': 'sha256:moe' }, calibratedExperts: [{ layer: 1, expert: 1 }] });
    const named = getRun(db, 'run-rice-named');
    expect(named.config).toMatchObject({ params: { experts: [{ layer: 0, expert: 3 }] } });
    expect(named.setup.calibratedExperts).toBeUndefined();
  });

  it('gives experiment arms stable ids and matches their runs to them once, by the label they ran under', () => {
    const db = openFixture();
    expect(listExperiments(db)).toHaveLength(1);
    const exp = getExperiment(db, 'exp1');
    expect(() => Experiment.parse(exp)).not.toThrow();
    expect(exp.spec.arms.map((a) => [a.id, a.label, a.config.method])).toEqual([
      ['arm-1', 'AR base', 'autoregressive'],
      ['arm-2', 'chain gamma 5', 'chain_sd'],
    ]);
    expect(exp.spec.arms[1]!.config).toMatchObject({ params: { gamma: 5 }, sampling: { maxNewTokens: 16 } });
    const runs = experimentRuns(db, 'exp1');
    expect(runs).toHaveLength(4);
    for (const r of runs) expect(r.armId).toBe(r.configLabel === 'AR base' ? 'arm-1' : 'arm-2');
    expect(exp).toMatchObject({ status: 'completed', done: 4, total: 4 });
  });

  it('keeps a config already in the new shape as it is', () => {
    const config = { method: 'chain_sd', models: { target: { model: 'b' }, draft: { model: 'd' } }, params: { gamma: 2 }, sampling: {} };
    expect(reshapeConfig(config).config).toBe(config);
  });
});
