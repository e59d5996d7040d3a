// Prefill with shared-prefix reuse: each model keeps a few recent KV caches; a new prompt starts from
// the longest prefix it shares with one of them and only computes the rest.
import type { KvCache } from './kv-cache';
import { KvCache as Cache } from './kv-cache';
import type { LoadedModel } from './loaded-model';
import { logitsRow } from './loaded-model';

export class PrefixPool {
  private entries: KvCache[] = [];
  constructor(private readonly capacity = 4) {}

  /** A cache holding the longest available prefix of `tokens` (at most tokens.length - 1 positions). */
  take(model: LoadedModel, tokens: readonly number[]): KvCache {
    let best: KvCache | null = null;
    let bestLen = 0;
    for (const e of this.entries) {
      const n = Math.min(e.commonPrefix(tokens), tokens.length - 1);
      if (n > bestLen) {
        best = e;
        bestLen = n;
      }
    }
    if (!best) return new Cache(model.kvLayout);
    const c = best.clone();
    c.truncate(bestLen);
    return c;
  }

  put(cache: KvCache): void {
    this.entries = [cache.clone(), ...this.entries.filter((e) => e.commonPrefix(cache.tokens) < Math.min(e.length, cache.length))].slice(0, this.capacity);
  }

  clear(): void {
    this.entries = [];
  }
}

export interface PrefillResult {
  cache: KvCache;
  /** Logits after the last prompt token. */
  logits: Float32Array;
  reused: number;
  computed: number;
  ms: number;
}

/** Fills a cache with `tokens`, reusing a pooled prefix when one exists. */
export async function prefill(model: LoadedModel, tokens: readonly number[], pool: PrefixPool | null): Promise<PrefillResult> {
  const t0 = performance.now();
  const cache = pool ? pool.take(model, tokens) : new Cache(model.kvLayout);
  const reused = cache.length;
  const rest = tokens.slice(reused);
  const r = await model.forward(cache, rest);
  cache.commit(r.present, rest);
  pool?.put(cache);
  return { cache, logits: logitsRow(r, rest.length - 1).slice(), reused, computed: rest.length, ms: performance.now() - t0 };
}
