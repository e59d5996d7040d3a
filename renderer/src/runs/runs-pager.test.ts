// Paged loading of the Runs list in both orders against a fake runs.list.
import { describe, expect, it } from 'vitest';
import type { ApiInput } from '@app/api';
import type { RunSummary } from '@app/runs';
import { matchingRunIds, PAGE_SIZE, RunsPager } from './runs-pager';

function fakeList(n: number) {
  // Newest first, like the store: run n-1 is the newest.
  const all = Array.from({ length: n }, (_, i) => ({ id: `run-${n - 1 - i}` }) as RunSummary);
  const calls: ApiInput<'runs.list'>[] = [];
  const list = async (f: ApiInput<'runs.list'>) => {
    calls.push(f);
    const offset = f.offset ?? 0;
    return { runs: all.slice(offset, offset + (f.limit ?? 200)), total: n };
  };
  return { list, calls };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('RunsPager', () => {
  it('loads newest first, page by page', async () => {
    const { list } = fakeList(250);
    const pager = new RunsPager({ search: '', models: [], methods: [], statuses: [], order: 'desc' }, list);
    await pager.start();
    expect(pager.total).toBe(250);
    expect(pager.rowAt(0)?.id).toBe('run-249');
    expect(pager.rowAt(PAGE_SIZE)).toBeUndefined();
    pager.ensure(180, 260);
    await settle();
    expect(pager.rowAt(249)?.id).toBe('run-0');
    expect(pager.rowAt(150)?.id).toBe('run-99');
  });

  it('loads oldest first from the end of the newest-first list', async () => {
    const { list, calls } = fakeList(250);
    const pager = new RunsPager({ search: 'x', models: ['base'], methods: [], statuses: ['completed'], order: 'asc' }, list);
    pager.ensure(0, 30);
    await pager.start();
    await settle();
    expect(pager.rowAt(0)?.id).toBe('run-0');
    expect(pager.rowAt(99)?.id).toBe('run-99');
    pager.ensure(200, 250);
    await settle();
    expect(pager.rowAt(249)?.id).toBe('run-249');
    expect(calls.at(-1)).toMatchObject({ search: 'x', models: ['base'], statuses: ['completed'], offset: 0, limit: 50 });
  });

  it('lists every matching id for select-all and export filtered, past the loaded pages', async () => {
    const { list, calls } = fakeList(23_456);
    const pager = new RunsPager({ search: 'x', models: [], methods: [], statuses: [], order: 'desc' }, list);
    await pager.start();
    expect(pager.loadedRows()).toHaveLength(PAGE_SIZE);
    calls.length = 0;
    const ids = await matchingRunIds(pager);
    expect(ids).toHaveLength(23_456);
    expect(new Set(ids).size).toBe(23_456);
    expect(calls.every((c) => c.search === 'x')).toBe(true);
  });
});
