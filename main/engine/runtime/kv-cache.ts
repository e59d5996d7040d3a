// The KV cache of one sequence (batch 1): per layer, key and value arrays laid out [heads, length,
// headDim] as the graph's past_key_values inputs expect. Supports append (adopting a pass's present
// outputs), rollback to any length, keeping only selected new positions (an accepted tree path,
// compacted), cloning, and finding the prefix shared with a new prompt.
//
// Rollback and compaction are lazy: they record which stored positions survive (a selection), and
// the selection is applied once, by `materialize`, right before the next pass feeds the cache (a
// rollback followed by a compaction costs one gather). Host layers are gathered here; layers kept
// on the GPU (the WebGPU provider leaves presents there, as transformers.js does) are gathered by a
// small gather graph on the GPU that the caller supplies, because reading GPU buffers back aborts
// onnxruntime-node 1.30. So a cache never leaves the GPU, whatever the method does with it.
import type { Tensor } from 'onnxruntime-node';
import type { KvLayout } from './model-io';

/**
 * One layer's keys or values: a host array [heads, length, headDim] (float32, or float16 bit patterns
 * for graphs whose KV cache is float16: kept as the graph returns it, never converted), or a tensor
 * left on the GPU.
 */
export type KvHost = Float32Array | Uint16Array;
export type KvData = KvHost | Tensor;

export function isDeviceKv(d: KvData): d is Tensor {
  return !(d instanceof Float32Array || d instanceof Uint16Array);
}

/** An empty host array of the layout's element type. */
export function emptyKv(layout: KvLayout, length = 0): KvHost {
  return layout.half ? new Uint16Array(length) : new Float32Array(length);
}

/** Gathers `positions` along the length axis of GPU-resident [1, heads, length, headDim] tensors. */
export type DeviceGather = (tensors: Tensor[], positions: readonly number[]) => Promise<Tensor[]>;

/** Copies GPU-resident [1, heads, length, headDim] tensors to host arrays (through a graph: reading GPU buffers directly aborts onnxruntime-node 1.30). */
export type DeviceDownload = (tensors: Tensor[]) => Promise<KvHost[]>;

export interface PresentKv {
  /** Per layer, [heads, total, headDim] with total = past + new positions. */
  keys: KvData[];
  values: KvData[];
  total: number;
}

export class KvCache {
  private keyData: KvData[];
  private valueData: KvData[];
  /** Positions the stored arrays hold along their length axis. */
  private stored = 0;
  /** The stored positions that survive (in order), not yet gathered; null: all of them. */
  private selection: number[] | null = null;
  /** Token ids whose keys/values the cache holds, in order. */
  tokens: number[];
  /** Device tensors only this cache references: released when it replaces them. */
  private owned = new Set<Tensor>();

  constructor(readonly layout: KvLayout) {
    this.keyData = Array.from({ length: layout.layers }, () => emptyKv(layout));
    this.valueData = Array.from({ length: layout.layers }, () => emptyKv(layout));
    this.tokens = [];
  }

  get length(): number {
    return this.tokens.length;
  }

  /** Per-layer keys, gathered (host caches settle here; a GPU cache must be materialized first). */
  get keys(): KvData[] {
    this.settle();
    return this.keyData;
  }

  /** Per-layer values, gathered (see keys). */
  get values(): KvData[] {
    this.settle();
    return this.valueData;
  }

  /** True when a rollback or compaction is recorded but not yet applied. */
  get pending(): boolean {
    return this.selection !== null;
  }

  /**
   * Adopts a forward pass's present outputs. `fed` are the tokens that pass fed; with `keep` (indices
   * into `fed`, ascending) only those new positions stay, compacted right after the old past.
   */
  commit(present: PresentKv, fed: readonly number[], keep?: readonly number[]): void {
    const past = this.length;
    if (present.total !== past + fed.length) {
      throw new Error(`present holds ${present.total} positions, expected ${past} + ${fed.length}`);
    }
    if (present.keys.length !== this.layout.layers) {
      // An exit graph's present covers only its first layers: committing it here would leave the
      // deeper layers short. Commit it into cache.firstLayers(l) instead.
      throw new Error(`present covers ${present.keys.length} layers but this cache has ${this.layout.layers}`);
    }
    // The present was computed from the gathered past, so any selection was applied before the pass.
    if (this.selection) throw new Error('commit after a rollback that no pass has seen: materialize the cache before the forward pass');
    for (let l = 0; l < this.layout.layers; l++) {
      this.adopt(this.keyData, l, present.keys[l]!);
      this.adopt(this.valueData, l, present.values[l]!);
    }
    this.stored = present.total;
    if (!keep || (keep.length === fed.length && keep.every((k, i) => k === i))) {
      this.tokens.push(...fed);
      return;
    }
    this.selection = [...Array(past).keys(), ...keep.map((k) => past + k)];
    for (const k of keep) this.tokens.push(fed[k]!);
  }

  /** True when some layer's data lives on the GPU. */
  get onDevice(): boolean {
    return this.keyData.some(isDeviceKv) || this.valueData.some(isDeviceKv);
  }

  private adopt(list: KvData[], l: number, next: KvData): void {
    const prev = list[l];
    if (prev && prev !== next && isDeviceKv(prev) && this.owned.delete(prev)) prev.dispose();
    list[l] = next;
    if (isDeviceKv(next)) this.owned.add(next);
  }

  /** Rolls back to the first n positions. */
  truncate(n: number): void {
    if (n >= this.length) return;
    this.selection = (this.selection ?? [...Array(this.stored).keys()]).slice(0, n);
    this.tokens.length = n;
  }

  /**
   * Applies a recorded rollback or compaction: host layers are gathered here, GPU layers through
   * `deviceGather` (needed only when some layer lives on the GPU).
   */
  async materialize(deviceGather?: DeviceGather): Promise<void> {
    const positions = this.selection;
    if (!positions) return;
    const device = this.gatherHostLayers(positions);
    if (device.length > 0) {
      if (!deviceGather) throw new Error("this KV cache lives on the GPU: rolling it back needs the model's device gather");
      const gathered = await deviceGather(
        device.map(({ list, l }) => list[l] as Tensor),
        positions,
      );
      device.forEach(({ list, l }, i) => this.adopt(list, l, gathered[i]!));
    }
    this.stored = positions.length;
    this.selection = null;
  }

  /**
   * Brings every GPU layer to the host (after applying any pending selection): for passes that need
   * host arrays, such as the path-batch verification of graphs without attention_bias.
   */
  async download(deviceGather: DeviceGather, deviceDownload: DeviceDownload): Promise<void> {
    await this.materialize(deviceGather);
    const device: { list: KvData[]; l: number }[] = [];
    for (const list of [this.keyData, this.valueData]) for (let l = 0; l < list.length; l++) if (isDeviceKv(list[l]!)) device.push({ list, l });
    if (device.length === 0) return;
    const host = await deviceDownload(device.map(({ list, l }) => list[l] as Tensor));
    device.forEach(({ list, l }, i) => this.adopt(list, l, host[i]!));
  }

  /** Applies a pending selection of a host cache (readers of keys/values); a GPU cache needs materialize. */
  private settle(): void {
    const positions = this.selection;
    if (!positions) return;
    if (this.onDevice) throw new Error('this KV cache lives on the GPU and has a pending rollback: await materialize() first');
    this.gatherHostLayers(positions);
    this.stored = positions.length;
    this.selection = null;
  }

  /** Gathers `positions` of every host layer in place; returns the GPU layers left to gather. */
  private gatherHostLayers(positions: readonly number[]): { list: KvData[]; l: number }[] {
    const device: { list: KvData[]; l: number }[] = [];
    for (const list of [this.keyData, this.valueData]) {
      for (let l = 0; l < list.length; l++) {
        const d = list[l]!;
        if (isDeviceKv(d)) device.push({ list, l });
        else this.adopt(list, l, gather(d, this.layout, this.stored, positions));
      }
    }
    return device;
  }

  clone(): KvCache {
    return this.copy(this.layout.layers);
  }

  /** A cache over only the first `layers` layers, sharing arrays (an early-exit draft graph's past). */
  firstLayers(layers: number): KvCache {
    return this.copy(layers);
  }

  private copy(layers: number): KvCache {
    const c = new KvCache({ ...this.layout, layers });
    // Arrays and tensors are never mutated in place, so sharing them is safe.
    c.keyData = this.keyData.slice(0, layers);
    c.valueData = this.valueData.slice(0, layers);
    c.stored = this.stored;
    c.selection = this.selection && this.selection.slice();
    c.tokens = this.tokens.slice();
    this.owned.clear(); // shared now: neither copy may release them
    return c;
  }

  /** Length of the prefix this cache shares with `tokens`. */
  commonPrefix(tokens: readonly number[]): number {
    const n = Math.min(tokens.length, this.tokens.length);
    let i = 0;
    while (i < n && tokens[i] === this.tokens[i]) i++;
    return i;
  }
}

/** Copies the given positions (along the length axis) of a [heads, total, headDim] array. */
function gather(src: KvHost, layout: KvLayout, total: number, positions: readonly number[]): KvHost {
  const { heads, headDim } = layout;
  const out = src instanceof Uint16Array ? new Uint16Array(heads * positions.length * headDim) : new Float32Array(heads * positions.length * headDim);
  for (let h = 0; h < heads; h++) {
    const srcBase = h * total * headDim;
    const dstBase = h * positions.length * headDim;
    // Copy runs of consecutive positions at once: the common case is a long contiguous past.
    let i = 0;
    while (i < positions.length) {
      let j = i + 1;
      while (j < positions.length && positions[j] === positions[j - 1]! + 1) j++;
      const from = srcBase + positions[i]! * headDim;
      // (both arrays have the same element type; TypeScript cannot see that through the union)
      (out as Float32Array).set((src as Float32Array).subarray(from, from + (j - i) * headDim), dstBase + i * headDim);
      i = j;
    }
  }
  return out;
}
