// Double-buffered KV storage for the shared passes: each pass reads its past from one set of arrays
// and onnxruntime writes the present straight into the other (pre-allocated outputs), then they swap.
// Allocating fresh present arrays every pass (page faults, cold caches) cost more than the pass's
// arithmetic on the embedded models; with reuse, only the graph's own copy of the past remains.
import type { KvHost } from '../runtime/kv-cache';
import type { KvLayout } from '../runtime/model-io';

export class KvBuffers {
  /** Per layer, two key buffers and two value buffers of `capacity` elements. */
  private keys: [KvHost, KvHost][];
  private values: [KvHost, KvHost][];
  /** Which of the two holds the past. */
  private current: 0 | 1 = 0;

  constructor(layout: KvLayout, readonly capacity: number) {
    const make = (): KvHost => (layout.half ? new Uint16Array(capacity) : new Float32Array(capacity));
    this.keys = Array.from({ length: layout.layers }, () => [make(), make()]);
    this.values = Array.from({ length: layout.layers }, () => [make(), make()]);
  }

  /** Bytes held (both sets). */
  static bytes(layout: KvLayout, capacity: number): number {
    return layout.layers * 4 * capacity * (layout.half ? 2 : 4);
  }

  /** The past: the first `elements` of each current array. */
  past(elements: number): { keys: KvHost[]; values: KvHost[] } {
    return { keys: this.keys.map((k) => view(k[this.current], elements)), values: this.values.map((v) => view(v[this.current], elements)) };
  }

  /** Where the next pass writes its present: the first `elements` of each other array. */
  present(elements: number): { keys: KvHost[]; values: KvHost[] } {
    const other = 1 - this.current;
    return { keys: this.keys.map((k) => view(k[other]!, elements)), values: this.values.map((v) => view(v[other]!, elements)) };
  }

  /** The present just written becomes the past. */
  swap(): void {
    this.current = this.current === 0 ? 1 : 0;
  }

  /** Fills the past with `times` copies of per-layer arrays (the prompt's KV into every row). */
  fill(keys: readonly KvHost[], values: readonly KvHost[], times: number): void {
    const put = (dst: KvHost, src: KvHost) => {
      for (let i = 0; i < times; i++) (dst as Float32Array).set(src as Float32Array, i * src.length);
    };
    keys.forEach((k, l) => put(this.keys[l]![this.current], k));
    values.forEach((v, l) => put(this.values[l]![this.current], v));
  }

  /** Keeps rows `slots` (each `per` elements) of the past, in that order, compacted to the front. */
  keepRows(per: number, slots: readonly number[]): void {
    const other = 1 - this.current;
    const move = (pair: [KvHost, KvHost]) => {
      const src = pair[this.current] as Float32Array;
      const dst = pair[other]! as Float32Array;
      slots.forEach((s, i) => dst.set(src.subarray(s * per, (s + 1) * per), i * per));
    };
    this.keys.forEach(move);
    this.values.forEach(move);
    this.swap();
  }
}

function view(a: KvHost, elements: number): KvHost {
  if (elements > a.length) throw new Error(`KV buffer of ${a.length} elements cannot hold ${elements}`);
  return a.subarray(0, elements);
}
