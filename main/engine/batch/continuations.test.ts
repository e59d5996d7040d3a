// sampleContinuations against single runs on the real embedded base model: every continuation equals
// its seed's single autoregressive run token for token (through the real engine for fresh samples,
// through the autoregressive loop itself for prefixed ones), stop rules and end-of-turn end only their
// own continuation, cancellation stops all, and oversized requests are refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { SamplingParams } from '@app/sampling';
import { CollectingEngine, EMBEDDED_MODELS } from '../in-process';
import { KvCache } from '../runtime/kv-cache';
import type { LoadedModel } from '../runtime/loaded-model';
import { logitsRow } from '../runtime/loaded-model';
import { chooseToken, SamplingRng } from '../runtime/sampling';
import type { ContinuationSpec } from './continuations';
import { logprobOf, MAX_CONTINUATIONS, sampleContinuations } from './continuations';

const sampled = SamplingParams.parse({ temperature: 1.5, maxNewTokens: 24 });
const never = { cancelled: false };

/** The autoregressive method's loop (methods/autoregressive.ts) for prompt + prefix, with a stop rule. */
async function singleRun(model: LoadedModel, ids: readonly number[], spec: ContinuationSpec, sampling: SamplingParams): Promise<{ tokens: number[]; logprobs: number[] }> {
  const rng = new SamplingRng(spec.seed);
  const cache = new KvCache(model.kvLayout);
  const pre = await model.forward(cache, ids);
  cache.commit(pre.present, ids);
  let logits = logitsRow(pre, ids.length - 1);
  const tokens: number[] = [];
  const logprobs: number[] = [];
  for (;;) {
    const { id } = chooseToken(logits, sampling, rng);
    if (model.tokenizer.eosIds.has(id) && !sampling.ignoreEos) break;
    tokens.push(id);
    logprobs.push(logprobOf(logits, id));
    if (tokens.length >= spec.maxNewTokens || spec.stopAfter?.(tokens)) break;
    const r = await model.forward(cache, [id]);
    cache.commit(r.present, [id]);
    logits = logitsRow(r, 0);
  }
  return { tokens, logprobs };
}

const variants = [
  { label: 'sequential', design: 'sequential' as const },
  { label: 'rows', design: 'rows' as const },
  { label: 'tree', design: 'tree' as const },
  { label: 'tree, 2 groups', design: 'tree' as const, treeGroups: 2 },
];

describe.each(variants)('sampleContinuations ($label)', ({ design, treeGroups }) => {
  const engine = new CollectingEngine();
  let model: LoadedModel;
  let promptIds: number[];
  const prompt = { kind: 'text' as const, text: 'x = 4. y = x + 3. z = y * 2. What is z?' };

  beforeAll(async () => {
    model = await engine.loader.load(EMBEDDED_MODELS.base!, 'cpu', 'base');
    const r = await engine.run({ prompt, config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { ...sampled, seed: 1 } } });
    promptIds = model.tokenizer.encode(r.started!.promptText);
  });

  it("gives each seed the tokens of that seed's run through the engine", async () => {
    const seeds = [1, 2, 3, 11];
    const got = await sampleContinuations(model, promptIds, seeds.map((seed) => ({ prefix: [], seed, maxNewTokens: sampled.maxNewTokens })), sampled, { signal: never, design, treeGroups });
    for (const [i, seed] of seeds.entries()) {
      const run = await engine.run({ prompt, config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { ...sampled, seed } } });
      expect(run.finished.status).toBe('completed');
      expect(got[i]!.tokens).toEqual(run.ids);
      got[i]!.logprobs.forEach((lp, j) => expect(lp).toBeCloseTo(run.tokens[j]!.logprob, 4));
    }
    // the seeds really differ (else the check above would pass with one shared sampler too)
    expect(new Set(got.map((c) => c.tokens.join(','))).size).toBeGreaterThan(1);
  });

  it('continues different prefixes, with a stop rule and end-of-turn ending only their own continuation', async () => {
    const newline = model.tokenizer.encode('\n')[0]!;
    const stopAtNewline = (t: readonly number[]) => t[t.length - 1] === newline;
    const think = model.tokenizer.encode('<think>z = ');
    const specs: ContinuationSpec[] = [
      { prefix: [], seed: 5, maxNewTokens: 40, stopAfter: stopAtNewline },
      { prefix: think, seed: 5, maxNewTokens: 40 },
      { prefix: think.slice(0, 1), seed: 6, maxNewTokens: 7 },
      { prefix: [], seed: 7, maxNewTokens: 60 },
    ];
    const got = await sampleContinuations(model, promptIds, specs, sampled, { signal: never, design, treeGroups });
    for (const [i, spec] of specs.entries()) {
      const ref = await singleRun(model, [...promptIds, ...spec.prefix], spec, sampled);
      expect(got[i]!.tokens, `continuation ${i}`).toEqual(ref.tokens);
      got[i]!.logprobs.forEach((lp, j) => expect(lp).toBeCloseTo(ref.logprobs[j]!, 4));
    }
    expect(got[0]!.stopReason).toBe('stop');
    expect(got[0]!.tokens.at(-1)).toBe(newline);
    expect(got[2]!.stopReason).toBe('length');
    expect(got[2]!.tokens).toHaveLength(7);
    expect(got.map((c) => c.stopReason)).toContain('eos');
  });

  it('keeps going past end-of-turn with ignoreEos (fixed lengths)', async () => {
    const fixed = { ...sampled, ignoreEos: true };
    const got = await sampleContinuations(model, promptIds, [3, 4].map((seed) => ({ prefix: [], seed, maxNewTokens: 50 })), fixed, { signal: never, design, treeGroups });
    for (const c of got) {
      expect(c.tokens).toHaveLength(50);
      expect(c.stopReason).toBe('length');
    }
  });

  it('stops every continuation on cancel', async () => {
    const signal = { cancelled: false };
    let seen = 0;
    const got = await sampleContinuations(model, promptIds, [1, 2, 3].map((seed) => ({ prefix: [], seed, maxNewTokens: 40 })), { ...sampled, ignoreEos: true }, {
      signal,
      design,
      treeGroups,
      onToken: () => {
        if (++seen === 5) signal.cancelled = true;
      },
    });
    expect(got.map((c) => c.stopReason)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(got.reduce((n, c) => n + c.tokens.length, 0)).toBeLessThanOrEqual(5);
  });

  it('refuses too many continuations and a prefix past the context, naming the limit', async () => {
    const many = Array.from({ length: MAX_CONTINUATIONS + 1 }, (_, seed) => ({ prefix: [], seed, maxNewTokens: 1 }));
    await expect(sampleContinuations(model, promptIds, many, sampled, { signal: never, design, treeGroups })).rejects.toThrow(/at most 256 per call/);
    const long = new Array<number>(model.contextLength).fill(promptIds[0]!);
    await expect(sampleContinuations(model, promptIds, [{ prefix: long, seed: 1, maxNewTokens: 1 }], sampled, { signal: never, design, treeGroups })).rejects.toThrow(/context is 512/);
  });
});
