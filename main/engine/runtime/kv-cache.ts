// The KV cache of one sequence (batch 1): per layer, key and value arrays laid out [heads, length,
// headDim] as the graph's past_key_values inputs expect. Supports append (adopting a pass's present
// outputs), rollback to any length, keeping only selected new positions (an accepted tree path,
// compacted), cloning, and finding the prefix shared with a new prompt.
//
// On the WebGPU provider, append-only decoding keeps each layer's present on the GPU and feeds it
// straight back (no copy to the host and back per token, which dominates a small model's step
// there). Such a cache can only grow: rollback and compaction need host arrays, and reading GPU
// buffers back aborts onnxruntime-node 1.30, so methods that roll back keep host caches.
import type { Tensor } from 'onnxruntime-node';
import type { KvLayout } from './model-io';

/** One layer's keys or values: a host array [heads, length, headDim], or a tensor left on the GPU. */
export type KvData = Float32Array | Tensor;

export function isDeviceKv(d: KvData): d is Tensor {
  return !(d instanceof Float32Array);
}

export interface PresentKv {
  /** Per layer, [heads, total, headDim] with total = past + new positions. */
  keys: KvData[];
  values: KvData[];
  total: number;
}

export class KvCache {
  keys: KvData[];
  values: KvData[];
  /** Token ids whose keys/values the cache holds, in order. */
  tokens: number[];
  /** Device tensors only this cache references: released when it replaces them. */
  private owned = new Set<Tensor>();

  constructor(readonly layout: KvLayout) {
    this.keys = Array.from({ length: layout.layers }, () => new Float32Array(0));
    this.values = Array.from({ length: layout.layers }, () => new Float32Array(0));
    this.tokens = [];
  }

  get length(): number {
    return this.tokens.length;
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
    const layers = this.layout.layers;
    if (!keep || (keep.length === fed.length && keep.every((k, i) => k === i))) {
      for (let l = 0; l < layers; l++) {
        this.adopt(this.keys, l, present.keys[l]!);
        this.adopt(this.values, l, present.values[l]!);
      }
      this.tokens.push(...fed);
      return;
    }
    const positions = [...Array(past).keys(), ...keep.map((k) => past + k)];
    for (let l = 0; l < layers; l++) {
      this.adopt(this.keys, l, gather(host(present.keys[l]!), this.layout, present.total, positions));
      this.adopt(this.values, l, gather(host(present.values[l]!), this.layout, present.total, positions));
    }
    for (const k of keep) this.tokens.push(fed[k]!);
  }

  /** True when some layer's data lives on the GPU. */
  get onDevice(): boolean {
    return this.keys.some(isDeviceKv) || this.values.some(isDeviceKv);
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
    const positions = [...Array(n).keys()];
    const total = this.length;
    for (let l = 0; l < this.layout.layers; l++) {
      this.adopt(this.keys, l, gather(host(this.keys[l]!), this.layout, total, positions));
      this.adopt(this.values, l, gather(host(this.values[l]!), this.layout, total, positions));
    }
    this.tokens.length = n;
  }

  clone(): KvCache {
    const c = new KvCache(this.layout);
    c.keys = this.keys.slice();
    c.values = this.values.slice(); // arrays are never mutated in place, so sharing them is safe
    c.tokens = this.tokens.slice();
    this.owned.clear(); // shared now: neither copy may release them
    return c;
  }

  /** A cache over only the first `layers` layers, sharing arrays (an early-exit draft graph's past). */
  firstLayers(layers: number): KvCache {
    const c = new KvCache({ ...this.layout, layers });
    c.keys = this.keys.slice(0, layers);
    c.values = this.values.slice(0, layers);
    c.tokens = this.tokens.slice();
    this.owned.clear();
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

/** Host array of a layer; a GPU-resident cache cannot be rolled back or compacted. */
function host(d: KvData): Float32Array {
  if (isDeviceKv(d)) throw new Error('this KV cache lives on the GPU (append-only decoding): it cannot be rolled back or compacted');
  return d;
}

/** Copies the given positions (along the length axis) of a [heads, total, headDim] array. */
function gather(src: Float32Array, layout: KvLayout, total: number, positions: readonly number[]): Float32Array {
  const { heads, headDim } = layout;
  const out = new Float32Array(heads * positions.length * headDim);
  for (let h = 0; h < heads; h++) {
    const srcBase = h * total * headDim;
    const dstBase = h * positions.length * headDim;
    // Copy runs of consecutive positions at once: the common case is a long contiguous past.
    let i = 0;
    while (i < positions.length) {
      let j = i + 1;
      while (j < positions.length && positions[j] === positions[j - 1]! + 1) j++;
      const from = srcBase + positions[i]! * headDim;
      out.set(src.subarray(from, from + (j - i) * headDim), dstBase + i * headDim);
      i = j;
    }
  }
  return out;
}
