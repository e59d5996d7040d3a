// Support for the speculative methods' tests: running a method implementation directly (a variant the
// registry does not hold, such as forced batch verification) with the same context the engine builds,
// a model whose forward passes are memoised (thousands of seeded runs over the same few prefixes cost
// only their sampling logic), and the chi-square goodness-of-fit test the distribution tests use.
import type { TraceEvent } from '@app/events';
import { sampleContinuations } from '../../batch/continuations';
import type { MethodConfig } from '@app/methods';
import type { Prompt } from '@app/runs';
import type { KvCache } from '../../runtime/kv-cache';
import type { ForwardOptions, ForwardResult, LoadedModel } from '../../runtime/loaded-model';
import { prefill } from '../../runtime/prefill';
import { SamplingRng } from '../../runtime/sampling';
import type { StopReason } from '../../runtime/token-sink';
import { TokenSink } from '../../runtime/token-sink';
import { tokenStats } from '../../runtime/token-stats';
import type { MethodContext, MethodImplementation, MethodMetrics } from '../context';

export interface DirectRun {
  ids: number[];
  events: TraceEvent[];
  metrics: MethodMetrics;
  stopReason: StopReason | null;
}

/**
 * Runs `impl` on prompt token ids with the models by role (the first role's tokenizer streams the
 * output), as the engine would but without a prefix pool. `state` carries engine-wide state; `prompt`
 * is the request's prompt as sent (SpecReason builds its judge conversation from it).
 */
export async function runDirect<C extends MethodConfig>(
  impl: MethodImplementation<C>,
  config: C,
  models: Record<string, LoadedModel>,
  promptIds: readonly number[],
  state: Map<string, unknown> = new Map(),
  prompt?: Prompt,
): Promise<DirectRun> {
  impl.check?.(config, models);
  const events: TraceEvent[] = [];
  const start = performance.now();
  const elapsed = () => performance.now() - start;
  const primary = Object.values(models)[0]!;
  const emit = (e: TraceEvent) => events.push(e);
  const sink = new TokenSink(primary.tokenizer, config.sampling, emit, elapsed, promptIds);
  const ctx: MethodContext<C> = {
    config,
    models,
    promptIds: [...promptIds],
    ...(prompt ? { prompt } : {}),
    sampling: config.sampling,
    rng: new SamplingRng(config.sampling.seed),
    sink,
    signal: { cancelled: false },
    emit,
    elapsed,
    prefill: (role, tokens) => prefill(models[role]!, tokens, null),
    stats: (role, logits, id) => tokenStats(logits, id, config.sampling.topLogprobs, models[role]!.tokenizer),
    sampleMany: (role, specs, o = {}) => sampleContinuations(models[role]!, o.promptIds ?? promptIds, specs, o.sampling ?? config.sampling, { signal: ctx.signal, onToken: o.onToken }),
    state,
    pools: new Map(),
  };
  const metrics = await impl.run(ctx);
  return { ids: [...sink.ids], events, metrics, stopReason: sink.stopReason };
}

/**
 * The same model with memoised forward passes, keyed by the cache's tokens, the fed tokens and the
 * options. Results are shared between callers: safe because caches never write into arrays in place.
 */
export function memoizeForward(model: LoadedModel): LoadedModel {
  const memo = new Map<string, Promise<ForwardResult>>();
  const memoised = Object.create(model) as LoadedModel;
  memoised.forward = async (cache: KvCache, tokens: readonly number[], opts: ForwardOptions = {}) => {
    const key = `${cache.layout.layers}|${cache.tokens.join(',')}|${tokens.join(',')}|${JSON.stringify(opts)}`;
    let r = memo.get(key);
    if (!r) {
      r = model.forward(cache, tokens, opts);
      memo.set(key, r);
    }
    // As a real pass does, apply the cache's pending rollback before its caller commits the result.
    await cache.materialize(model.deviceGather);
    return r;
  };
  return memoised;
}

/** log Gamma(x) for x > 0 (Lanczos, g = 7). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularised upper incomplete gamma function Q(a, x). */
function upperGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series for P(a, x).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * Math.exp(lead);
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(lead) * h;
}

/** P(X >= statistic) for a chi-square distribution with `df` degrees of freedom. */
export function chiSquarePValue(statistic: number, df: number): number {
  return upperGammaQ(df / 2, statistic / 2);
}

export interface GoodnessOfFit {
  statistic: number;
  df: number;
  pValue: number;
  /** The bins compared (outcome keys; rare ones pooled into "other"). */
  bins: string[];
}

/**
 * Pearson's chi-square test of observed outcome counts against exact probabilities. Outcomes whose
 * expected count is below `minExpected` are pooled into one bin (with everything the exact table does
 * not list), so the chi-square approximation holds.
 */
export function chiSquareTest(counts: ReadonlyMap<string, number>, probabilities: ReadonlyMap<string, number>, minExpected = 5): GoodnessOfFit {
  const n = [...counts.values()].reduce((a, b) => a + b, 0);
  const bins: { key: string; observed: number; expected: number }[] = [];
  let otherObserved = 0;
  for (const [key, p] of probabilities) {
    const observed = counts.get(key) ?? 0;
    if (p * n >= minExpected) bins.push({ key, observed, expected: p * n });
    else otherObserved += observed;
  }
  for (const [key, c] of counts) if (!probabilities.has(key)) otherObserved += c;
  // Everything not binned, measured as the remainder so rounding in the table cannot leak.
  const otherExpected = Math.max(0, n - bins.reduce((s, b) => s + b.expected, 0));
  if (otherExpected >= minExpected || bins.length === 0) bins.push({ key: 'other', observed: otherObserved, expected: Math.max(otherExpected, 1e-9) });
  else if (otherExpected > 0 || otherObserved > 0) {
    // Too small to stand alone: pooled with the least likely bin.
    const smallest = bins.reduce((a, b) => (b.expected < a.expected ? b : a));
    smallest.observed += otherObserved;
    smallest.expected += otherExpected;
    smallest.key += '+other';
  }
  const statistic = bins.reduce((s, b) => s + (b.observed - b.expected) ** 2 / b.expected, 0);
  const df = bins.length - 1;
  return { statistic, df, pValue: chiSquarePValue(statistic, df), bins: bins.map((b) => b.key) };
}
