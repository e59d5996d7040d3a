// DEL's choice of exit layer and draft length by tokens per layer (hand-computed), and the up-front
// checks: DEL refused on a model without exit graphs, Token Recycling refused when sampling.
import { describe, expect, it } from 'vitest';
import { CollectingEngine } from '../../in-process';
import { PRIOR_ACCEPTANCE, chooseExit, expectedTokens, overlap, tokensPerLayer } from './del';

describe('tokens per layer', () => {
  it('matches the formula by hand', () => {
    expect(expectedTokens(0.5, 2)).toBeCloseTo(1.75, 12); // 1 + 0.5 + 0.25
    expect(expectedTokens(1, 3)).toBe(4); // the limit a -> 1
    expect(expectedTokens(0, 5)).toBe(1);
    // L = 6: l = 1, d = 2 -> 1.75 / (2 + 6)
    expect(tokensPerLayer(0.5, 1, 2, 6)).toBeCloseTo(1.75 / 8, 12);
    expect(tokensPerLayer(0.9, 3, 4, 6)).toBeCloseTo((1 - 0.9 ** 5) / 0.1 / 18, 12);
  });

  it('chooses the (layer, length) with the highest TPL', () => {
    // Neutral prior everywhere: the cheapest layer, d = 2 (1.5/7 = 0.214 < 1.75/8 = 0.219 > 1.875/9 = 0.208).
    const neutral = new Map([1, 2, 3, 4, 5].map((l) => [l, PRIOR_ACCEPTANCE] as [number, number]));
    expect(chooseExit(neutral, [1, 2, 3, 4, 5], 6, 6)).toMatchObject({ layer: 1, length: 2 });
    // A deep layer that is almost always right beats a shallow one that is usually wrong.
    const learned = new Map([
      [1, 0.2],
      [4, 0.98],
    ]);
    const best = chooseExit(learned, [1, 4], 6, 6);
    expect(best).toMatchObject({ layer: 4, length: 6 });
    expect(best.tpl).toBeCloseTo(tokensPerLayer(0.98, 4, 6, 6), 12);
    // The length is capped (the token limit).
    expect(chooseExit(learned, [1, 4], 2, 6)).toMatchObject({ layer: 4, length: 2 });
  });

  it('measures agreement as sum min(p, q) = 1 - TV', () => {
    expect(overlap([0.5, 0.5, 0], [0.25, 0.25, 0.5])).toBe(0.5);
  });
});

describe('up-front checks', () => {
  const engine = new CollectingEngine();

  it('refuses DEL on a model without exit graphs, naming what is missing', async () => {
    const r = await engine.run({ prompt: { kind: 'text', text: 'a = 2. What is a?' }, config: { method: 'del', models: { target: { model: 'draft' } } } });
    expect(r.finished.status).toBe('failed');
    expect(r.finished.error?.code).toBe('method_unsupported');
    expect(r.finished.error?.message).toMatch(/draft has no early-exit graphs \(exit_<l>\.onnx/);
    expect(r.ids).toEqual([]);
  });

  it('refuses Token Recycling with temperature > 0 (the method is greedy-only)', async () => {
    const r = await engine.run({ prompt: { kind: 'text', text: 'a = 2. What is a?' }, config: { method: 'token_recycling', models: { target: { model: 'base' } }, sampling: { temperature: 0.7 } } });
    expect(r.finished.error?.code).toBe('method_unsupported');
    expect(r.finished.error?.message).toMatch(/set temperature to 0/);
  });
});
