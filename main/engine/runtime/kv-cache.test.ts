import { describe, expect, it } from 'vitest';
import type { Tensor } from 'onnxruntime-node';
import { KvCache } from './kv-cache';

const layout = { layers: 2, heads: 2, headDim: 3 };

/** A present tensor set whose value at (layer, head, position, d) encodes its coordinates. */
function present(total: number, tokenValue: (pos: number) => number) {
  const make = (layer: number, kind: number) => {
    const a = new Float32Array(layout.heads * total * layout.headDim);
    for (let h = 0; h < layout.heads; h++)
      for (let t = 0; t < total; t++)
        for (let d = 0; d < layout.headDim; d++) a[(h * total + t) * layout.headDim + d] = kind * 1e6 + layer * 1e5 + h * 1e4 + tokenValue(t) * 10 + d;
    return a;
  };
  return { keys: [make(0, 1), make(1, 1)], values: [make(0, 2), make(1, 2)], total };
}

function positionsOf(c: KvCache): number[] {
  const total = c.length;
  const out: number[] = [];
  for (let t = 0; t < total; t++) out.push(Math.floor(((c.keys[1] as Float32Array)[(1 * total + t) * layout.headDim]! - (1e6 + 1e5 + 1e4)) / 10));
  return out;
}

describe('KvCache', () => {
  it('adopts a full present and rolls back to any length', () => {
    const c = new KvCache(layout);
    c.commit(present(5, (t) => t), [10, 11, 12, 13, 14]);
    expect(c.length).toBe(5);
    expect(positionsOf(c)).toEqual([0, 1, 2, 3, 4]);
    c.truncate(2);
    expect(c.tokens).toEqual([10, 11]);
    expect(positionsOf(c)).toEqual([0, 1]);
  });

  it('keeps only an accepted path of new positions, compacted after the past', () => {
    const c = new KvCache(layout);
    c.commit(present(3, (t) => t), [1, 2, 3]);
    // 5 new positions (a tree); keep indices 0, 2, 4
    c.commit(present(8, (t) => t), [20, 21, 22, 23, 24], [0, 2, 4]);
    expect(c.tokens).toEqual([1, 2, 3, 20, 22, 24]);
    expect(positionsOf(c)).toEqual([0, 1, 2, 3, 5, 7]);
    // values follow the same positions in every layer and head
    const total = c.length;
    expect((c.values[0] as Float32Array)[(0 * total + 4) * layout.headDim + 2]).toBe(2e6 + 0 + 0 + 5 * 10 + 2);
  });

  it('refuses a present whose length does not match past + fed', () => {
    const c = new KvCache(layout);
    c.commit(present(2, (t) => t), [1, 2]);
    expect(() => c.commit(present(5, (t) => t), [3, 4])).toThrow(/expected 2 \+ 2/);
  });

  it('refuses a present of fewer layers (from an exit graph) instead of leaving deep layers short', () => {
    const c = new KvCache(layout);
    const p = present(2, (t) => t);
    expect(() => c.commit({ ...p, keys: p.keys.slice(0, 1), values: p.values.slice(0, 1) }, [1, 2])).toThrow(/covers 1 layers but this cache has 2/);
    const first = c.firstLayers(1);
    first.commit({ ...p, keys: p.keys.slice(0, 1), values: p.values.slice(0, 1) }, [1, 2]);
    expect(first.length).toBe(2);
  });

  it('clones without sharing mutations and finds common prefixes', () => {
    const c = new KvCache(layout);
    c.commit(present(4, (t) => t), [5, 6, 7, 8]);
    const d = c.clone();
    d.truncate(1);
    expect(c.length).toBe(4);
    expect(c.commonPrefix([5, 6, 9])).toBe(2);
    expect(c.firstLayers(1).keys).toHaveLength(1);
  });

  it('keeps GPU-resident layers, releases the ones it replaces, and rolls them back through the device gather', async () => {
    // A stand-in for onnxruntime's GPU tensor (the boundary this test does not own): dims and dispose.
    const disposed: number[] = [];
    let next = 100;
    const device = (id: number, total: number) => {
      return { id, dims: [1, layout.heads, total, layout.headDim], dispose: () => disposed.push(id) } as unknown as Tensor;
    };
    const c = new KvCache(layout);
    c.commit(present(2, (t) => t), [1, 2]);
    c.commit({ keys: [device(1, 3), device(2, 3)], values: [device(3, 3), device(4, 3)], total: 3 }, [3]);
    expect(c.onDevice).toBe(true);
    c.commit({ keys: [device(5, 4), device(6, 4)], values: [device(7, 4), device(8, 4)], total: 4 }, [4]);
    expect(disposed.sort()).toEqual([1, 2, 3, 4]);

    // A rollback is recorded, not applied: reading the layers now is refused, and so is materializing
    // without a device gather.
    c.truncate(3);
    expect(c.length).toBe(3);
    expect(c.pending).toBe(true);
    expect(() => c.keys).toThrow(/await materialize/);
    await expect(c.materialize()).rejects.toThrow(/device gather/);

    const calls: { ids: number[]; positions: number[] }[] = [];
    const gatherOnDevice = async (tensors: Tensor[], positions: readonly number[]) => {
      calls.push({ ids: tensors.map((t) => (t as unknown as { id: number }).id), positions: [...positions] });
      return tensors.map(() => device(next++, positions.length));
    };
    await c.materialize(gatherOnDevice);
    // One gather for all four tensors (keys then values), the surviving positions in order.
    expect(calls).toEqual([{ ids: [5, 6, 7, 8], positions: [0, 1, 2] }]);
    expect(c.pending).toBe(false);
    expect(disposed.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    // A tree path kept after a pass composes with a later rollback into one gather.
    c.commit({ keys: [device(20, 6), device(21, 6)], values: [device(22, 6), device(23, 6)], total: 6 }, [7, 8, 9], [0, 2]);
    expect(c.tokens).toEqual([1, 2, 3, 7, 9]);
    c.truncate(4);
    await c.materialize(gatherOnDevice);
    expect(calls[1]).toEqual({ ids: [20, 21, 22, 23], positions: [0, 1, 2, 3] });

    const shared = c.clone();
    const before = disposed.length;
    c.commit({ keys: [device(30, 5), device(31, 5)], values: [device(32, 5), device(33, 5)], total: 5 }, [5]);
    expect(disposed).toHaveLength(before); // the replaced tensors are shared with the clone: not released
    expect(shared.onDevice).toBe(true);
  });

  it('applies host rollbacks lazily, with the same result as eager gathering', () => {
    const c = new KvCache(layout);
    c.commit(present(4, (t) => t), [1, 2, 3, 4]);
    c.truncate(3);
    c.truncate(2);
    expect(c.pending).toBe(true);
    expect(positionsOf(c)).toEqual([0, 1]); // reading settles it
    expect(c.pending).toBe(false);
    expect(() => c.commit(present(3, (t) => t), [5])).not.toThrow();
    c.truncate(1);
    expect(() => c.commit(present(2, (t) => t), [6])).toThrow(/materialize the cache before the forward pass/);
  });
});
