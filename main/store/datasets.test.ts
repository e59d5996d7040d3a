import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dataset, DatasetItem } from '@app/datasets';
import { createDataset, deleteDataset, getDataset, getDatasetItems, listDatasetItems, listDatasets } from './datasets';
import type { Database } from './db';
import type { NewDatasetItem } from './datasets';
import { at, tempDb } from './test-fixtures';

let t: ReturnType<typeof tempDb>;
let db: Database;
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

function items(n: number): NewDatasetItem[] {
  return Array.from({ length: n }, (_, i) => ({
    externalId: `q${i}`,
    question: `What is ${i} + 1?`,
    answer: String(i + 1),
    metadata: { family: 'arithmetic', difficulty: 1 + (i % 3) },
  }));
}

describe('datasets', () => {
  it('creates a dataset with its items, a content version, and reads them back', () => {
    const ds = createDataset(db, { id: 'ds', name: 'Tiny', source: 'synthetic', grading: { kind: 'numeric', tolerance: 1e-6 }, meta: { seed: 3 }, createdAt: at(0), items: items(5) });
    expect(Dataset.parse(ds)).toEqual(ds);
    expect(ds).toMatchObject({ itemCount: 5, name: 'Tiny', meta: { seed: 3 }, grading: { kind: 'numeric', tolerance: 1e-6 } });
    expect(ds.version).toMatch(/^[0-9a-f]{64}$/);

    const page = listDatasetItems(db, 'ds', { limit: 2, offset: 1 });
    expect(page.total).toBe(5);
    expect(page.items.map((i) => i.index)).toEqual([1, 2]);
    expect(DatasetItem.parse(page.items[0])).toEqual({
      id: 'ds:1',
      datasetId: 'ds',
      index: 1,
      externalId: 'q1',
      question: 'What is 1 + 1?',
      answer: '2',
      metadata: { family: 'arithmetic', difficulty: 2 },
    });
    expect(getDatasetItems(db, ['ds:4', 'missing', 'ds:0']).map((i) => i.id)).toEqual(['ds:4', 'ds:0']);
  });

  it('gives equal content the same version regardless of metadata key order, and different content another', () => {
    const a = createDataset(db, { id: 'a', name: 'A', source: 'jsonl', grading: { kind: 'exact', caseSensitive: false }, items: [{ question: 'q', answer: '1', metadata: { x: 1, y: 2 } }] });
    const b = createDataset(db, { id: 'b', name: 'B', source: 'jsonl', grading: { kind: 'exact', caseSensitive: false }, items: [{ question: 'q', answer: '1', metadata: { y: 2, x: 1 } }] });
    const c = createDataset(db, { id: 'c', name: 'C', source: 'jsonl', grading: { kind: 'exact', caseSensitive: false }, items: [{ question: 'q', answer: '2', metadata: { x: 1, y: 2 } }] });
    expect(a.version).toBe(b.version);
    expect(c.version).not.toBe(a.version);
  });

  it('leaves nothing behind when an import fails half-way', () => {
    function* failing(): Generator<NewDatasetItem> {
      yield* items(50);
      throw new Error('line 51: not JSON');
    }
    expect(() => createDataset(db, { id: 'bad', name: 'Bad', source: 'jsonl', grading: { kind: 'exact', caseSensitive: false }, items: failing() })).toThrow(
      'line 51',
    );
    expect(listDatasets(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM dataset_item').pluck().get()).toBe(0);

    // A constraint failure (duplicate item id) rolls back the same way.
    expect(() =>
      createDataset(db, {
        id: 'dup',
        name: 'Dup',
        source: 'jsonl',
        grading: { kind: 'exact', caseSensitive: false },
        items: [
          { id: 'same', question: 'a', answer: '1' },
          { id: 'same', question: 'b', answer: '2' },
        ],
      }),
    ).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT count(*) FROM dataset').pluck().get()).toBe(0);
  });

  it('lists newest first, deletes with items, and reports unknown ids', () => {
    createDataset(db, { id: 'old', name: 'Old', source: 'synthetic', grading: { kind: 'exact', caseSensitive: false }, createdAt: at(0), items: items(2) });
    createDataset(db, { id: 'new', name: 'New', source: 'gsm8k', grading: { kind: 'numeric', tolerance: 0 }, createdAt: at(1), items: items(3) });
    expect(listDatasets(db).map((d) => d.id)).toEqual(['new', 'old']);
    deleteDataset(db, 'new');
    expect(listDatasets(db).map((d) => d.id)).toEqual(['old']);
    expect(db.prepare("SELECT count(*) FROM dataset_item WHERE dataset_id = 'new'").pluck().get()).toBe(0);
    expect(() => getDataset(db, 'new')).toThrow(/No dataset/);
    expect(() => deleteDataset(db, 'new')).toThrow(/No dataset/);
    expect(() => listDatasetItems(db, 'new')).toThrow(/No dataset/);
  });
});
