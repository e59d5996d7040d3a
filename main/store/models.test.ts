import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelInfo } from '@app/models';
import type { Database } from './db';
import { getModel, listModels, removeModel, upsertModel } from './models';
import { modelInfo, tempDb } from './test-fixtures';

let t: ReturnType<typeof tempDb>;
let db: Database;
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

describe('models', () => {
  it('stores a ModelInfo and reads back the same object', () => {
    const info = modelInfo('base', { embedded: true });
    upsertModel(db, info);
    const back = getModel(db, 'base');
    expect(back).toEqual(info);
    expect(ModelInfo.parse(back)).toEqual(info);
    expect(db.prepare("SELECT embedded FROM model WHERE id = 'base'").pluck().get()).toBe(1);
  });

  it('lists embedded models first, then by name', () => {
    upsertModel(db, modelInfo('zeta', { name: 'Alpha user model' }));
    upsertModel(db, modelInfo('draft', { embedded: true, name: 'Workbench draft' }));
    upsertModel(db, modelInfo('base', { embedded: true, name: 'Workbench base' }));
    expect(listModels(db).map((m) => m.id)).toEqual(['base', 'draft', 'zeta']);
  });

  it('replaces on upsert, keeping when it was first added', () => {
    upsertModel(db, modelInfo('m', { path: '/old' }), '2025-01-01T00:00:00.000Z');
    upsertModel(db, modelInfo('m', { path: '/new', fingerprint: 'sha256:new' }), '2025-06-01T00:00:00.000Z');
    expect(getModel(db, 'm')).toMatchObject({ path: '/new', fingerprint: 'sha256:new' });
    expect(listModels(db)).toHaveLength(1);
    expect(db.prepare("SELECT added_at FROM model WHERE id = 'm'").pluck().get()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('removes, and reports unknown ids as not_found', () => {
    upsertModel(db, modelInfo('m'));
    removeModel(db, 'm');
    expect(listModels(db)).toEqual([]);
    expect(() => getModel(db, 'm')).toThrow(/No model/);
    expect(() => removeModel(db, 'm')).toThrow(/No model/);
  });
});
