// The engine end to end on the embedded models: streaming, TTFT/prefill/decode timing, cancellation at
// any token, shared-prefix reuse that changes nothing but speed, seeded sampling, and up-front errors.
import { describe, expect, it } from 'vitest';
import { RunRequest } from '@app/runs';
import { acceptLengthsOf } from '@app/analysis/speedup';
import { Engine } from './engine';
import { ModelLoader } from './model-loader';
import type { EngineMessage, RunFinished } from './protocol';
import { CollectingEngine, EMBEDDED_MODELS } from './in-process';

const question = 'a = 7. b = a + 5. c = b * 2. d = c - a. What is d?';
const greedy = (extra: Record<string, unknown> = {}) => ({
  prompt: { kind: 'text', text: question },
  config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { maxNewTokens: 64, ...extra } },
});

describe('engine', () => {
  it('streams tokens whose text concatenates to the output, with timing metrics', async () => {
    const run = await new CollectingEngine().run(greedy());
    expect(run.finished.status).toBe('completed');
    expect(run.tokens.map((t) => t.text).join('')).toBe(run.finished.output);
    expect(run.finished.output).toContain('Answer: 17');
    const m = run.finished.metrics!;
    expect(m.newTokens).toBe(run.tokens.length);
    expect(m.promptTokens).toBe(run.started!.promptTokens);
    expect(m.ttftMs).toBeGreaterThan(0);
    expect(m.prefillMs).toBeGreaterThan(0);
    expect(m.ttftMs!).toBeGreaterThanOrEqual(m.prefillMs);
    expect(m.decodeTokensPerS).toBeGreaterThan(0);
    expect(m.targetForwardPasses).toBe(m.newTokens + 1); // prefill + one pass per token but the last
    expect(run.tokens.every((t, i) => t.index === i && t.top.length === 5 && t.entropy >= 0 && t.logprob <= 0)).toBe(true);
  });

  it('warms a model up before its first timed run, or flags the run cold when warm-up is off', async () => {
    const warm = new CollectingEngine();
    const first = await warm.run(greedy({ maxNewTokens: 8 }));
    expect(first.finished.metrics!.warmupMs).toBeGreaterThan(0);
    expect(first.finished.metrics!.coldStart).toBeUndefined();
    const second = await warm.run(greedy({ maxNewTokens: 8 }));
    expect(second.finished.metrics!.warmupMs).toBeUndefined();
    const cold = new CollectingEngine();
    const unwarmed = await cold.run({ ...greedy({ maxNewTokens: 8 }), warmup: false });
    expect(unwarmed.finished.metrics).toMatchObject({ coldStart: true });
    expect(unwarmed.finished.metrics!.warmupMs).toBeUndefined();
    expect((await cold.run(greedy({ maxNewTokens: 8 }))).finished.metrics!.coldStart).toBeUndefined();
  });

  it('counts positions per model: autoregressive computes the prompt and one per token but the last, cost 1', async () => {
    const run = await new CollectingEngine().run(greedy({ maxNewTokens: 12, ignoreEos: true }));
    const m = run.finished.metrics!;
    expect(m.positionsByModel).toEqual({ model: m.promptTokens + m.newTokens - 1 });
    expect(m.paramWeightedCost).toBeCloseTo(1, 12);
    expect(m.decodeMs).toBeCloseTo(m.totalMs - m.prefillMs, 9);
    expect(m.decodeTokensPerS).toBeCloseTo((m.newTokens / m.decodeMs) * 1000, 9);
  });

  it("gives Spec-Bench's accept lengths: the prefill's token, each round's tokens, end-of-turn in the last round", () => {
    expect(acceptLengthsOf([1, 4, 6], 9, false)).toEqual([1, 3, 2, 3]);
    expect(acceptLengthsOf([1, 4, 6], 9, true)).toEqual([1, 3, 2, 4]);
    // A round that emitted nothing but the end-of-turn token is a round of 1.
    expect(acceptLengthsOf([1, 4, 9], 9, true)).toEqual([1, 3, 5, 1]);
    expect(acceptLengthsOf([1, 4, 4], 6, false)).toEqual([1, 3, 2]);
    for (const [starts, n, eos] of [[[1, 3, 7], 8, true], [[1, 2], 2, false]] as const) {
      expect(acceptLengthsOf(starts, n, eos).reduce((a, b) => a + b, 0)).toBe(n + (eos ? 1 : 0));
    }
  });

  it.each([
    ['chain_sd', { models: { target: { model: 'base' }, draft: { model: 'draft' } }, params: { gamma: 4 } }],
    ['del', { models: { target: { model: 'base' } } }],
    ['token_recycling', { models: { target: { model: 'base' } }, params: { tree: 'tr-20' } }],
  ])('%s: accept lengths sum to the tokens emitted (end-of-turn included) with no empty round', async (method, params) => {
    const run = await new CollectingEngine().run({ prompt: { kind: 'text', text: question }, config: { method, ...params, sampling: { maxNewTokens: 64 } } });
    const m = run.finished.metrics!;
    const eos = m.stopReason === 'eos' ? 1 : 0;
    expect(m.acceptLengths!.reduce((a, b) => a + b, 0)).toBe(m.newTokens + eos);
    expect(m.acceptLengths!.every((n) => n >= 1)).toBe(true);
    expect(m.acceptLengths![0]).toBe(1);
    const rounds = run.events.filter((e) => e.kind === 'draft_round');
    const last = rounds.at(-1)!;
    expect(m.acceptLengths!.at(-1)).toBe(m.newTokens - (last.kind === 'draft_round' ? last.tokenIndex : 0) + eos);
  });

  it('reuses a shared prompt prefix without changing a single token', async () => {
    const engine = new CollectingEngine();
    const first = await engine.run(greedy());
    const again = await engine.run(greedy());
    const prefill = (r: typeof first) => r.events.find((e) => e.kind === 'prefill');
    expect(prefill(first)).toMatchObject({ reusedTokens: 0 });
    expect(prefill(again)!.kind === 'prefill' && prefill(again)!.reusedTokens).toBe(first.started!.promptTokens - 1);
    expect(again.ids).toEqual(first.ids);
  });

  it('same seed, same tokens when sampling; another seed differs', async () => {
    const engine = new CollectingEngine();
    const hot = (seed: number) => greedy({ temperature: 1.5, seed, maxNewTokens: 40 });
    const a = await engine.run(hot(3));
    const b = await engine.run(hot(3));
    const c = await engine.run(hot(4));
    expect(b.ids).toEqual(a.ids);
    expect(c.ids).not.toEqual(a.ids);
  });

  it('cancels at the next token and keeps what was generated', async () => {
    const tokens: number[] = [];
    let finished: RunFinished | null = null;
    const engine: Engine = new Engine(new ModelLoader(), (m: EngineMessage) => {
      if (m.type === 'run.event' && m.event.kind === 'token') {
        tokens.push(m.event.id);
        if (tokens.length === 5) engine.cancel('r1');
      }
      if (m.type === 'run.finished') finished = m;
    });
    await engine.run('r1', RunRequest.parse({ prompt: { kind: 'raw', text: 'a' }, config: { method: 'autoregressive', models: { model: { model: 'draft' } }, sampling: { maxNewTokens: 400 } } }), EMBEDDED_MODELS);
    expect(finished!.status).toBe('cancelled');
    expect(tokens).toHaveLength(5);
    expect(finished!.metrics!.newTokens).toBe(5);
  });

  it('ignoreEos keeps generating past the end of turn, up to the token limit', async () => {
    const engine = new CollectingEngine();
    const normal = await engine.run(greedy({ maxNewTokens: 120 }));
    const forced = await engine.run(greedy({ maxNewTokens: 120, ignoreEos: true }));
    expect(normal.finished.metrics!.stopReason).toBe('eos');
    expect(forced.finished.metrics!.stopReason).toBe('max_tokens');
    expect(forced.ids).toHaveLength(120);
    expect(forced.ids.slice(0, normal.ids.length)).toEqual(normal.ids);
    expect(forced.ids[normal.ids.length]).toBe(1); // the end-of-turn token, emitted like any other
  });

  it('refuses a prompt longer than the context, naming both lengths', async () => {
    const run = await new CollectingEngine().run({ prompt: { kind: 'text', text: 'word '.repeat(600) }, config: { method: 'autoregressive', models: { model: { model: 'base' } } } });
    expect(run.finished.status).toBe('failed');
    expect(run.finished.error!.code).toBe('context_overflow');
    expect(run.finished.error!.message).toMatch(/\d+ tokens .* context is 512/);
  });

  it('refuses an unknown model id before running', async () => {
    const run = await new CollectingEngine().run({ prompt: { kind: 'text', text: 'x' }, config: { method: 'autoregressive', models: { model: { model: 'nope' } } } });
    expect(run.finished.error).toMatchObject({ code: 'not_found' });
  });
});
