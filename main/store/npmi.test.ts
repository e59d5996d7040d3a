import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NpmiTable } from '@app/api';
import type { Database } from './db';
import { getNpmiTable, latestNpmiTable, listNpmiTables, saveNpmiTable } from './npmi';
import { at, npmiTable, tempDb } from './test-fixtures';

let t: ReturnType<typeof tempDb>;
let db: Database;
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

describe('nPMI tables', () => {
  it('save and read back the same table, nulls included', () => {
    const table = npmiTable('n1', 'moe', at(0));
    saveNpmiTable(db, table);
    const back = getNpmiTable(db, 'n1');
    expect(back).toEqual(table);
    expect(NpmiTable.parse(back)).toEqual(table);
    expect(back.npmi[0]![1]).toBeNull();
  });

  it('list newest first, by model, and find the latest of a model', () => {
    saveNpmiTable(db, npmiTable('old', 'moe', at(0)));
    saveNpmiTable(db, npmiTable('new', 'moe', at(5)));
    saveNpmiTable(db, npmiTable('other', 'moe2', at(3)));
    expect(listNpmiTables(db).map((x) => x.id)).toEqual(['new', 'other', 'old']);
    expect(listNpmiTables(db, { modelId: 'moe' }).map((x) => x.id)).toEqual(['new', 'old']);
    expect(latestNpmiTable(db, 'moe')!.id).toBe('new');
    expect(latestNpmiTable(db, 'none')).toBeNull();
    expect(() => getNpmiTable(db, 'missing')).toThrow(/No nPMI table/);
  });
});
