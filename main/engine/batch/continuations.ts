// Many continuations of one prompt (repeated sampling, particles, search expansions): the prompt's KV
// is computed once and shared, and each continuation keeps its own seeded sampler, so a continuation
// equals the single autoregressive run of its seed token for token.
import { WorkbenchError } from '@app/errors';
import type { SamplingParams } from '@app/sampling';
import type { CancelSignal } from '../methods/context';
import type { Continuation, ContinuationSpec } from '../methods/continuation';
import type { KvCache } from '../runtime/kv-cache';
import type { LoadedModel } from '../runtime/loaded-model';
import { logitsRow } from '../runtime/loaded-model';
import type { PrefixPool } from '../runtime/prefill';
import { prefill } from '../runtime/prefill';
import { chooseToken, SamplingRng } from '../runtime/sampling';
import { KvBuffers } from './kv-buffers';
import { decodeInLockstep } from './lockstep';
import { acceptToken, budgetOf } from './token-rules';
import { RowBatchDecoder } from './row-batch';
import { TreeBatchDecoder } from './tree-batch';

export type { Continuation, ContinuationSpec } from '../methods/continuation';
export { logprobOf } from './token-rules';

/** The most continuations one call may ask for. */
export const MAX_CONTINUATIONS = 256;

/** The bytes one call's KV buffers may hold (both halves of the double buffer; see kv-buffers.ts). */
export const MAX_BATCH_KV_BYTES = 1024 ** 3;

/**
 * How continuations share passes: 'rows' a batch dimension with a KV row each, 'tree' sequences of
 * up to TREE_BRANCHES continuations under a tree-shaped attention_bias, 'sequential' one continuation
 * after another (after one shared prompt prefill). 'auto' picks the fastest the model supports
 * (see README.md).
 */
export type BatchDesign = 'auto' | 'rows' | 'tree' | 'sequential';

/** How a call runs: cancellation (stops every continuation), a token callback, a prefix pool. */
export interface ContinuationOptions {
  signal: CancelSignal;
  onToken?(index: number, id: number, logprob: number): void;
  /** Reuse and feed this pool when prefilling the prompt (the engine's per-model pool). */
  pool?: PrefixPool | null;
  /** Which way to share passes (default 'auto'); an explicit design the model cannot run is refused. */
  design?: BatchDesign;
  /**
   * Cap on the KV bytes of the shared passes (default MAX_BATCH_KV_BYTES): an explicit design over it
   * is refused; 'auto' runs the continuations in consecutive batches that each fit.
   */
  maxKvBytes?: number;
  /** Tree design: how many sequences (batch rows) share the continuations (default: treeGroupsFor). */
  treeGroups?: number;
}

/**
 * Samples every spec's continuation of `promptIds` under `sampling` (seeded per spec: the spec's seed
 * replaces sampling.seed; its maxNewTokens replaces sampling.maxNewTokens). The prompt's KV is
 * computed once and shared. Same seed => same tokens as that seed's single autoregressive run.
 * End-of-turn stops a continuation unless sampling.ignoreEos (then it is kept like any token).
 * Results come back in the order of `specs`.
 */
export async function sampleContinuations(model: LoadedModel, promptIds: readonly number[], specs: readonly ContinuationSpec[], sampling: SamplingParams, options: ContinuationOptions): Promise<Continuation[]> {
  checkRequest(model, promptIds, specs);
  if (options.treeGroups !== undefined && !(Number.isInteger(options.treeGroups) && options.treeGroups >= 1)) {
    throw new WorkbenchError('invalid_payload', `treeGroups must be a positive integer (got ${options.treeGroups})`);
  }
  const results: Continuation[] = [];
  if (specs.length === 0) return results;
  const asked = options.design ?? 'auto';
  const design = chooseDesign(model, specs, asked);
  const cap = options.maxKvBytes ?? MAX_BATCH_KV_BYTES;
  const groupsOf = (n: number) => options.treeGroups ?? treeGroupsFor(n);
  // An explicit design runs as one batch or is refused; auto splits a batch over the cap into batches under it.
  let chunks: number[][] = [];
  if (design !== 'sequential') {
    const fits = (list: readonly number[]) => kvBytesOf(model, design, promptIds.length, list.map((i) => specs[i]!), groupsOf(list.length)) <= cap;
    chunks = asked === 'auto' ? chunkToFit(specs.length, fits) : [specs.map((_, i) => i)];
    const tooBig = chunks.find((c) => !fits(c));
    if (tooBig) refuseKvBytes(model, design, promptIds.length, tooBig.map((i) => specs[i]!), cap, groupsOf(tooBig.length));
  }
  const shared = await prefill(model, promptIds, options.pool ?? null);
  const promptLogits = shared.logits;
  if (design !== 'sequential') {
    const out: Continuation[] = new Array<Continuation>(specs.length);
    for (const chunk of chunks) {
      const part = chunk.map((i) => specs[i]!);
      const budgets = part.map((s) => budgetOf(model, promptIds.length + s.prefix.length, s));
      const decoder = design === 'rows' ? new RowBatchDecoder(model, shared.cache, promptLogits, part, Math.max(...budgets)) : new TreeBatchDecoder(model, shared.cache, promptLogits, part, budgets, groupsOf(part.length));
      const onToken = options.onToken && ((k: number, id: number, lp: number) => options.onToken!(chunk[k]!, id, lp));
      const got = await decodeInLockstep(model, promptIds.length, part, sampling, { signal: options.signal, onToken }, decoder);
      got.forEach((c, k) => (out[chunk[k]!] = c));
    }
    return out;
  }
  for (let index = 0; index < specs.length; index++) {
    const spec = specs[index]!;
    const cache = shared.cache.clone();
    let logits: Float32Array = promptLogits;
    if (spec.prefix.length > 0 && !options.signal.cancelled) {
      const r = await model.forward(cache, spec.prefix);
      cache.commit(r.present, spec.prefix);
      logits = logitsRow(r, spec.prefix.length - 1).slice();
    }
    results.push(await decodeOne(model, cache, logits, spec, sampling, options, index));
  }
  return results;
}

/**
 * The design a call runs with: an explicit one (refused when the model cannot), else the fastest
 * supported. Rows of different lengths need padding, which needs position_ids and no
 * GroupQueryAttention (`rowsBatchable`); continuations that all start right after the prompt (fresh
 * samples) stay equally long, so any graph with a host KV cache batches them as rows.
 */
export function chooseDesign(model: LoadedModel, specs: readonly Pick<ContinuationSpec, 'prefix'>[], asked: BatchDesign): Exclude<BatchDesign, 'auto'> {
  const caps = model.info.capabilities;
  const hostKv = !model.keepsKvOnDevice;
  const rowsOk = hostKv && (model.rowsBatchable || specs.every((s) => s.prefix.length === 0));
  if (asked === 'rows' && !rowsOk) {
    throw new WorkbenchError(
      'method_unsupported',
      `${model.info.name} cannot batch these continuations as rows: prefixes of different lengths need position_ids and no GroupQueryAttention, and rows need a host KV cache`,
    );
  }
  if (asked === 'tree' && !(caps.positionIds && caps.attentionBias && hostKv)) {
    throw new WorkbenchError('method_unsupported', `${model.info.name} cannot batch continuations as a tree: it needs attention_bias, position_ids and a host KV cache`);
  }
  if (asked !== 'auto') return asked;
  if (specs.length < 2 || !rowsOk) return 'sequential';
  // Measured (BENCHMARKS.md, "Batched sampling"): the tree moves the prompt's KV once per pass instead
  // of once per row, and was the faster at every N on the embedded models.
  return caps.attentionBias ? 'tree' : 'rows';
}

/** Most branches one tree sequence holds by default (measured: one tree beat 2 and 4 at N = 16, 4 trees beat 1 at N = 64). */
export const TREE_BRANCHES = 16;

/** How many tree sequences share `count` continuations by default. */
export function treeGroupsFor(count: number): number {
  return Math.max(1, Math.ceil(count / TREE_BRANCHES));
}

/** Bytes of the KV buffers a shared batch of `specs` holds. */
function kvBytesOf(model: LoadedModel, design: 'rows' | 'tree', promptLength: number, specs: readonly ContinuationSpec[], groups: number): number {
  const budgets = specs.map((s) => budgetOf(model, promptLength + s.prefix.length, s));
  const capacity = design === 'rows' ? RowBatchDecoder.capacity(model, promptLength, specs, Math.max(...budgets)) : TreeBatchDecoder.capacity(model, promptLength, specs, budgets, groups);
  return KvBuffers.bytes(model.kvLayout, capacity);
}

/** Splits indices 0..count-1, in order, into the fewest consecutive runs that `fits` accepts (a run of one always). */
export function chunkToFit(count: number, fits: (indices: readonly number[]) => boolean): number[][] {
  const chunks: number[][] = [];
  let start = 0;
  while (start < count) {
    let lo = 1;
    let hi = count - start;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(range(start, mid))) lo = mid;
      else hi = mid - 1;
    }
    chunks.push(range(start, lo));
    start += lo;
  }
  return chunks;
}

function range(start: number, length: number): number[] {
  return Array.from({ length }, (_, i) => start + i);
}

/** Refuses a batch whose KV buffers pass `cap` bytes, naming the sizes. */
function refuseKvBytes(model: LoadedModel, design: 'rows' | 'tree', promptLength: number, specs: readonly ContinuationSpec[], cap: number, groups: number): never {
  const bytes = kvBytesOf(model, design, promptLength, specs, groups);
  const longest = Math.max(...specs.map((s) => budgetOf(model, promptLength + s.prefix.length, s)));
  throw new WorkbenchError(
    'invalid_payload',
    `${specs.length} continuation${specs.length === 1 ? '' : 's'} of up to ${longest} tokens would hold ${(bytes / 1024 ** 2).toFixed(0)} MiB of KV buffers (${design}), over the ${(cap / 1024 ** 2).toFixed(0)} MiB cap: ask for fewer or shorter continuations`,
    { kvBytes: bytes, cap, continuations: specs.length },
  );
}

/** One continuation decoded alone after its filled cache (the sequential path). */
async function decodeOne(model: LoadedModel, cache: KvCache, first: Float32Array, spec: ContinuationSpec, sampling: SamplingParams, options: ContinuationOptions, index: number): Promise<Continuation> {
  const rng = new SamplingRng(spec.seed);
  const out: Continuation = { tokens: [], logprobs: [], stopReason: 'length' };
  const budget = budgetOf(model, cache.length, spec);
  let logits = first;
  while (true) {
    if (options.signal.cancelled) {
      out.stopReason = 'cancelled';
      return out;
    }
    if (out.tokens.length >= budget) return out;
    const { id } = chooseToken(logits, sampling, rng);
    const step = acceptToken(model, sampling, spec, out, logits, id);
    if (step !== null) {
      if (step === 'eos') return out;
      options.onToken?.(index, id, out.logprobs[out.logprobs.length - 1]!);
      if (step === 'stop' || out.tokens.length >= budget) {
        out.stopReason = step === 'stop' ? 'stop' : 'length';
        return out;
      }
    }
    const r = await model.forward(cache, [id]);
    cache.commit(r.present, [id]);
    logits = logitsRow(r, 0);
  }
}

/** Refuses requests that cannot run, with the specific reason, before any pass. */
export function checkRequest(model: LoadedModel, promptIds: readonly number[], specs: readonly ContinuationSpec[]): void {
  if (specs.length > MAX_CONTINUATIONS) {
    throw new WorkbenchError('invalid_payload', `asked for ${specs.length} continuations; at most ${MAX_CONTINUATIONS} per call`, { continuations: specs.length, max: MAX_CONTINUATIONS });
  }
  if (promptIds.length === 0) throw new WorkbenchError('invalid_payload', 'sampling continuations needs a prompt of at least one token');
  specs.forEach((s, i) => {
    if (!Number.isInteger(s.maxNewTokens) || s.maxNewTokens < 1) {
      throw new WorkbenchError('invalid_payload', `continuation ${i}: maxNewTokens must be a positive integer (got ${s.maxNewTokens})`);
    }
    if (!Number.isInteger(s.seed) || s.seed < 0) throw new WorkbenchError('invalid_payload', `continuation ${i}: seed must be a non-negative integer (got ${s.seed})`);
    const filled = promptIds.length + s.prefix.length;
    if (filled >= model.contextLength) {
      throw new WorkbenchError('context_overflow', `continuation ${i}: the prompt and its prefix are ${filled} tokens but ${model.info.name}'s context is ${model.contextLength}`, { tokens: filled, context: model.contextLength });
    }
  });
}
