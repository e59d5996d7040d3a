// One KV cache of one model for one conversation form (a "track"), kept in step with a token
// sequence that changes from call to call: each call rolls the cache back to the prefix it shares
// with the new sequence and computes the rest in ONE forward pass. EAD uses it to let a model catch
// up on the tokens the other model wrote; SpecReason keeps one per (model, form) so the prefix that
// is encoded three ways per step (small writer, large writer, judge) is never prefilled again.
import type { KvCache } from '../../runtime/kv-cache';
import type { LoadedModel } from '../../runtime/loaded-model';
import { logitsRow } from '../../runtime/loaded-model';
import type { PrefillResult } from '../../runtime/prefill';

/** How a track starts: a pooled prefill (the method context's, which emits a prefill event). */
export type Prefiller = (tokens: readonly number[]) => Promise<PrefillResult>;

export interface TrackStats {
  /** Forward passes, the initial prefill included. */
  passes: number;
  /** Tokens computed (not reused from a pooled prefix). */
  computed: number;
  ms: number;
}

/** A model's KV cache for one conversation form, moved to whatever sequence the caller names next. */
export class Track {
  cache: KvCache | null = null;
  readonly stats: TrackStats = { passes: 0, computed: 0, ms: 0 };
  /** Tokens computed by the latest call that moved the cache, and its time. */
  lastFed = 0;
  lastMs = 0;
  // The sequence the cache ends with whose next-token logits are known (the cache holds all of it).
  private known: { length: number; logits: Float32Array } | null = null;
  /** Tracks of the same model in other conversation forms whose cache may share a longer prefix. */
  readonly donors: Track[] = [];

  constructor(
    readonly model: LoadedModel,
    private readonly prefiller: Prefiller | null = null,
  ) {}

  // Starts from a donor's cache when it shares a longer prefix with `seq` than this one does (the
  // judge's conversation begins with the writer's, token for token). Arrays are never written in
  // place, so a clone that is then truncated leaves the donor intact.
  private adoptDonor(seq: readonly number[]): void {
    let best = this.cache ? this.cache.commonPrefix(seq) : 0;
    let from: KvCache | null = null;
    for (const d of this.donors) {
      const n = d.cache ? d.cache.commonPrefix(seq) : 0;
      if (n > best) {
        best = n;
        from = d.cache;
      }
    }
    if (!from) return;
    this.cache = from.clone();
    this.cache.truncate(best);
    this.known = null;
  }

  /** Tokens the cache holds. */
  get tokens(): readonly number[] {
    return this.cache?.tokens ?? [];
  }

  /**
   * Next-token logits after `seq`. Afterwards the cache holds exactly `seq`. Reuses the longest
   * common prefix with what the cache holds and computes the rest in one pass (at least the last
   * token, whose logits are needed); free when the logits after `seq` are already known.
   */
  async logitsAfter(seq: readonly number[]): Promise<Float32Array> {
    return (await this.extend(seq, []))[0]!;
  }

  /**
   * Logits after `seq` and after each prefix `seq + extra[0..i]`, from one pass (chain verification).
   * Afterwards the cache holds `seq + extra`; the caller rolls it back with `keep`.
   */
  async extend(seq: readonly number[], extra: readonly number[]): Promise<Float32Array[]> {
    if (seq.length === 0) throw new Error('a track needs at least one token');
    if (extra.length === 0 && this.known && this.cache && this.known.length === seq.length && this.cache.length === seq.length && this.cache.commonPrefix(seq) === seq.length) {
      this.lastFed = 0;
      this.lastMs = 0;
      return [this.known.logits];
    }
    const t0 = performance.now();
    const all = extra.length === 0 ? seq : [...seq, ...extra];
    this.adoptDonor(seq);
    let rows: Float32Array[];
    if (!this.cache) {
      if (!this.prefiller) throw new Error('this track has no cache and no prefiller');
      // The pooled prefill gives only the last row, so extra tokens follow in a second pass.
      const r = await this.prefiller(seq);
      this.cache = r.cache;
      this.stats.passes++;
      this.stats.computed += r.computed;
      rows = [r.logits];
      this.lastFed = r.computed;
      if (extra.length > 0) {
        const more = await this.model.forward(this.cache, extra);
        this.cache.commit(more.present, extra);
        this.stats.passes++;
        this.stats.computed += extra.length;
        this.lastFed += extra.length;
        for (let i = 0; i < extra.length; i++) rows.push(logitsRow(more, i));
      }
    } else {
      const cache = this.cache;
      const common = Math.min(cache.commonPrefix(seq), seq.length - 1);
      cache.truncate(common);
      const fed = all.slice(common);
      const r = await this.model.forward(cache, fed);
      cache.commit(r.present, fed);
      this.stats.passes++;
      this.stats.computed += fed.length;
      this.lastFed = fed.length;
      const first = seq.length - 1 - common;
      rows = [];
      for (let i = first; i < fed.length; i++) rows.push(logitsRow(r, i));
    }
    this.lastMs = performance.now() - t0;
    this.stats.ms += this.lastMs;
    this.known = { length: all.length, logits: rows[rows.length - 1]! };
    return rows;
  }

  /** Rolls the cache back to its first n tokens (after a verification that accepted only part). */
  keep(n: number): void {
    if (!this.cache || n >= this.cache.length) return;
    this.cache.truncate(n);
    this.known = null;
  }
}
