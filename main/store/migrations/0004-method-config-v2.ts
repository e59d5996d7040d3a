// Migration 4: run configs in the shape `{method, models: {role: ModelRef}, params, sampling}` (was
// one flat object mixing roles, parameters and sampling); RICE's host-filled calibratedExperts move
// from the config to the run's setup, whose fingerprints move under `fingerprints`; experiment arms
// get stable ids (arm-1, arm-2, ... in order) and runs record theirs in the new `arm_id` column,
// matched once here by the label they were made under. Self-contained on purpose: it must keep
// reading the old shape whatever app/methods becomes.
import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './migrate';

const ROLE_KEYS = new Set(['model', 'target', 'draft', 'small', 'large']);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A flat (migration 3) config in the new shape; host-filled values returned apart. A config already in the new shape is kept. */
export function reshapeConfig(old: Json): { config: Json; calibratedExperts?: unknown } {
  if (isObject(old.models) && isObject(old.params)) return { config: old };
  const models: Json = {};
  const params: Json = {};
  let calibratedExperts: unknown;
  for (const [key, value] of Object.entries(old)) {
    if (key === 'method' || key === 'sampling') continue;
    if (key === 'calibratedExperts') calibratedExperts = value;
    else if (ROLE_KEYS.has(key) && isObject(value) && typeof value.model === 'string') models[key] = value;
    else params[key] = value;
  }
  const config: Json = { method: old.method, models, params };
  if (old.sampling !== undefined) config.sampling = old.sampling;
  return calibratedExperts === undefined ? { config } : { config, calibratedExperts };
}

/** A flat (migration 3) setup (`engine` and `<role>:<model>` -> fingerprint) in the new shape. */
export function reshapeSetup(old: Json): Json {
  if (isObject(old.fingerprints)) return old;
  const fingerprints: Json = {};
  const out: Json = { fingerprints };
  for (const [key, value] of Object.entries(old)) {
    if (key === 'engine') out.engine = value;
    else fingerprints[key] = value;
  }
  return out;
}

function up(db: BetterSqlite3.Database): void {
  db.exec('ALTER TABLE run ADD COLUMN arm_id TEXT');
  db.exec('CREATE INDEX run_experiment_arm ON run (experiment_id, arm_id)');

  const runs = db.prepare('SELECT id, config, setup FROM run').all() as { id: string; config: string; setup: string }[];
  const writeRun = db.prepare('UPDATE run SET config = ?, setup = ? WHERE id = ?');
  for (const r of runs) {
    const { config, calibratedExperts } = reshapeConfig(JSON.parse(r.config) as Json);
    const setup = reshapeSetup(JSON.parse(r.setup) as Json);
    if (calibratedExperts !== undefined) setup.calibratedExperts = calibratedExperts;
    writeRun.run(JSON.stringify(config), JSON.stringify(setup), r.id);
  }

  const experiments = db.prepare('SELECT id, spec FROM experiment').all() as { id: string; spec: string }[];
  const writeSpec = db.prepare('UPDATE experiment SET spec = ? WHERE id = ?');
  const writeArm = db.prepare('UPDATE run SET arm_id = ? WHERE experiment_id = ? AND config_label = ?');
  for (const e of experiments) {
    const spec = JSON.parse(e.spec) as Json;
    const arms = Array.isArray(spec.arms) ? (spec.arms as Json[]) : [];
    spec.arms = arms.map((arm, i) => ({ ...arm, id: typeof arm.id === 'string' ? arm.id : `arm-${i + 1}`, config: reshapeConfig(arm.config as Json).config }));
    writeSpec.run(JSON.stringify(spec), e.id);
    for (const arm of spec.arms as Json[]) writeArm.run(arm.id, e.id, arm.label);
  }
}

export const migration: Migration = { id: 4, name: 'method-config-v2', up };
