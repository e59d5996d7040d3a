// EAD on the embedded models: at the thresholds' extremes it is exactly one model (token for token,
// greedy), and after a run with switches both KV caches hold the same sequence with next-token logits
// equal to a fresh prefill of it.
import { describe, expect, it } from 'vitest';
import type { SwitchEvent } from '@app/events';
import { generateSuite } from '@app/tasks';
import { KvCache } from '../../runtime/kv-cache';
import { logitsRow } from '../../runtime/loaded-model';
import { CollectingEngine } from '../../in-process';
import type { EadDebugSnapshot } from './ead';
import { EAD_DEBUG_HOOK, entropyOfLogits } from './ead';

const problems = generateSuite({ families: ['arithmetic', 'variables'], difficulties: [4], countPerCell: 2, seed: 21, split: 'test' }).slice(0, 3);
const engine = new CollectingEngine();
const ead = (text: string, { sampling, ...params }: Record<string, unknown>) =>
  engine.run({ prompt: { kind: 'text', text }, config: { method: 'ead', models: { small: { model: 'draft' }, large: { model: 'base' } }, params, sampling } });
const alone = (text: string, model: string) => engine.run({ prompt: { kind: 'text', text }, config: { method: 'autoregressive', models: { model: { model } } } });

describe('entropy-adaptive decoding', () => {
  it('computes the entropy of softmax(logits) in nats', () => {
    expect(entropyOfLogits([0, 0, 0, 0])).toBeCloseTo(Math.log(4), 12);
    expect(entropyOfLogits([1000, 0, 0])).toBe(0);
    const p = [0.7, 0.2, 0.1];
    expect(entropyOfLogits(p.map(Math.log))).toBeCloseTo(-p.reduce((s, x) => s + x * Math.log(x), 0), 12);
  });

  // Entropy is never negative nor above log(768) < 7, so tau = -1 and tau = 100 are -inf and +inf
  // (the request schema, like JSON, has no infinities).
  it.each(problems.map((p) => [p.id, p.question]))('tau = +inf is the small model alone and tau = -inf the large one (%s)', async (_id, question) => {
    const [small, large, eadSmall, eadLarge] = [await alone(question, 'draft'), await alone(question, 'base'), await ead(question, { tau: 100 }), await ead(question, { tau: -1 })];
    expect(small.ids.length).toBeGreaterThan(10);
    expect(eadSmall.ids).toEqual(small.ids);
    expect(eadSmall.tokens.every((t) => t.source === 'small' && t.rollingEntropy !== undefined)).toBe(true);
    expect(eadSmall.finished.metrics).toMatchObject({ largeShare: 0, switches: 0 });
    expect(eadLarge.ids).toEqual(large.ids);
    expect(eadLarge.tokens.every((t) => t.source === 'large')).toBe(true);
    expect(eadLarge.finished.metrics?.largeShare).toBe(1);
    // The large model computes what it computes alone; the small one only its prompt prefill on top.
    const m = eadLarge.finished.metrics!;
    expect(large.finished.metrics?.paramWeightedCost).toBeCloseTo(1, 12);
    expect(m.positionsByModel?.large).toBe(large.finished.metrics?.positionsByModel?.model);
    expect(m.positionsByModel?.small).toBe(m.promptTokens);
    expect(m.paramWeightedCost).toBeGreaterThan(1);
    expect(m.paramWeightedCost).toBeLessThan(1 + m.promptTokens / m.positionsByModel!.large!);
  });

  it('keeps both caches on the same sequence, equal to a fresh prefill, across switches', async () => {
    let snapshot: EadDebugSnapshot | null = null;
    engine.engine.state.set(EAD_DEBUG_HOOK, (s: EadDebugSnapshot) => (snapshot = s));
    let run;
    try {
      // A low threshold over a one-token window makes the models trade places several times.
      run = await ead(problems[0]!.question, { tau: 0.01, entropyUnit: 'nats', window: 1, minDwell: 0 });
    } finally {
      engine.engine.state.delete(EAD_DEBUG_HOOK);
    }
    const switches = run.events.filter((e): e is SwitchEvent => e.kind === 'switch');
    expect(switches.some((s) => s.to === 'large' && s.tokenIndex > 0)).toBe(true);
    expect(switches.some((s) => s.to === 'small')).toBe(true);
    expect(switches.every((s) => s.catchUpTokens >= 1)).toBe(true);
    expect(run.finished.metrics?.switches).toBe(switches.length);
    const sources = new Set(run.tokens.map((t) => t.source));
    expect(sources).toEqual(new Set(['small', 'large']));
    expect(run.finished.metrics?.largeShare).toBeCloseTo(run.tokens.filter((t) => t.source === 'large').length / run.tokens.length, 12);

    const snap = snapshot as EadDebugSnapshot | null;
    expect(snap).not.toBeNull();
    expect(snap!.tokens.slice(snap!.tokens.length - run.ids.length)).toEqual(run.ids);
    for (const role of ['small', 'large'] as const) {
      const track = snap!.tracks[role];
      expect(track.tokens).toEqual(snap!.tokens);
      const fresh = new KvCache(track.model.kvLayout);
      const r = await track.model.forward(fresh, snap!.tokens);
      const want = logitsRow(r, snap!.tokens.length - 1);
      const got = snap!.logits[role];
      let maxDiff = 0;
      for (let i = 0; i < want.length; i++) maxDiff = Math.max(maxDiff, Math.abs(want[i]! - got[i]!));
      expect(maxDiff).toBeLessThan(1e-4);
    }
  });

  it('with the small model as entropy source, runs it on every token and still switches', async () => {
    const run = await ead(problems[2]!.question, { tau: 0.01, entropyUnit: 'nats', window: 1, minDwell: 0, entropySource: 'small' });
    expect(run.finished.metrics?.switches).toBeGreaterThan(0);
    // One pass per token (the prompt's included) plus one per hand-back: it never falls behind.
    expect(run.finished.metrics?.draftForwardPasses).toBeGreaterThanOrEqual(run.tokens.length);
    const large = run.tokens.filter((t) => t.source === 'large');
    expect(large.length).toBeGreaterThan(0);
  });

  it('minDwell: the generating model writes at least minDwell tokens before any switch (both models, the paper\'s rule)', async () => {
    const stretchesOf = (tokens: { source: string }[]) => {
      const out: { source: string; n: number }[] = [];
      for (const t of tokens) {
        const last = out.at(-1);
        if (last && last.source === t.source) last.n++;
        else out.push({ source: t.source, n: 1 });
      }
      return out.slice(0, -1); // the run may end inside the last one
    };
    let largeOnlyLeavesShortSmall = false;
    for (const p of problems) {
      const both = await ead(p.question, { tau: 0.01, entropyUnit: 'nats', window: 1, minDwell: 5 });
      expect(both.finished.metrics?.switches).toBeGreaterThan(0);
      expect(stretchesOf(both.tokens).filter((s) => s.n < 5)).toEqual([]);
      const largeOnly = await ead(p.question, { tau: 0.01, entropyUnit: 'nats', window: 1, minDwell: 5, dwellFor: 'large' });
      const stretches = stretchesOf(largeOnly.tokens);
      expect(stretches.filter((s) => s.source === 'large' && s.n < 5)).toEqual([]);
      if (stretches.some((s) => s.source === 'small' && s.n < 5)) largeOnlyLeavesShortSmall = true;
    }
    // The scenario tells the two rules apart: holding the large model alone leaves short small stretches.
    expect(largeOnlyLeavesShortSmall).toBe(true);
  });

  it('compares tau in bits by default (the paper\'s log2): tau in bits = tau x ln 2 in nats, same run', async () => {
    const nats = await ead(problems[0]!.question, { tau: 0.01, entropyUnit: 'nats', window: 1, minDwell: 0 });
    const bits = await ead(problems[0]!.question, { tau: 0.01 / Math.LN2, window: 1, minDwell: 0 });
    expect(nats.finished.metrics?.switches).toBeGreaterThan(0);
    expect(bits.ids).toEqual(nats.ids);
    expect(bits.tokens.map((t) => t.source)).toEqual(nats.tokens.map((t) => t.source));
    const sameNumber = await ead(problems[0]!.question, { tau: 0.01, window: 1, minDwell: 0 });
    expect(sameNumber.tokens.map((t) => t.source)).not.toEqual(nats.tokens.map((t) => t.source));
  });
});
