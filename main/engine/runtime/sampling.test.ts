import { describe, expect, it } from 'vitest';
import { SamplingRng, argmax, chooseToken, entropyOf, logSoftmax, processedDistribution, sampleIndex, topK } from './sampling';

const s = (over: Partial<{ temperature: number; topK: number; topP: number }> = {}) => ({
  temperature: 1,
  topK: 0,
  topP: 1,
  seed: 0,
  maxNewTokens: 10,
  stop: [],
  ignoreEos: false,
  topLogprobs: 0,
  ...over,
});

describe('sampling', () => {
  it('argmax takes the first maximum', () => {
    expect(argmax([1, 3, 3, 2])).toBe(1);
  });

  it('temperature 0 is one-hot on the argmax', () => {
    const p = processedDistribution([0.1, 2, 1], s({ temperature: 0 }));
    expect([...p]).toEqual([0, 1, 0]);
  });

  it('softmax at temperature matches the closed form', () => {
    const p = processedDistribution([0, Math.log(3)], s({ temperature: 1 }));
    expect(p[0]).toBeCloseTo(0.25, 12);
    expect(p[1]).toBeCloseTo(0.75, 12);
    const hot = processedDistribution([0, Math.log(3)], s({ temperature: 2 }));
    expect(hot[1]! / hot[0]!).toBeCloseTo(Math.sqrt(3), 10);
  });

  it('top-k and top-p keep the right sets and renormalise', () => {
    const logits = [Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)];
    const k2 = processedDistribution(logits, s({ topK: 2 }));
    expect(k2[0]).toBeCloseTo(0.5 / 0.8, 10);
    expect(k2[2]).toBe(0);
    const p = processedDistribution(logits, s({ topP: 0.75 }));
    // 0.5 < 0.75, 0.5 + 0.3 >= 0.75: two tokens kept
    expect(p[1]).toBeCloseTo(0.3 / 0.8, 10);
    expect(p[2]).toBe(0);
  });

  it('same seed, same draws; different seed, different draws', () => {
    const draw = (seed: number) => {
      const rng = new SamplingRng(seed);
      return Array.from({ length: 20 }, () => chooseToken([0, 0.5, 1, 0.2], s(), rng).id);
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('sampling frequencies follow the distribution', () => {
    const rng = new SamplingRng(1);
    const p = [0.1, 0.6, 0.3];
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[sampleIndex(p, rng.next())]!++;
    counts.forEach((c, i) => expect(c / 30000).toBeCloseTo(p[i]!, 1));
  });

  it('entropy and top-k statistics', () => {
    expect(entropyOf(logSoftmax([0, 0, 0, 0]))).toBeCloseTo(Math.log(4), 12);
    expect(topK([0.1, 0.7, 0.2], 2).map(([i]) => i)).toEqual([1, 2]);
  });

  it('top-k/top-p over a large vocabulary equals the full-sort definition, including near-flat cases', () => {
    const reference = (logits: number[], topK: number, topP: number) => {
      const p = processedDistribution(logits, s());
      const order = [...p.keys()].sort((a, b) => p[b]! - p[a]! || a - b);
      const keep = new Set<number>();
      let cum = 0;
      for (const i of order.slice(0, topK > 0 ? topK : p.length)) {
        keep.add(i);
        cum += p[i]!;
        if (cum >= topP) break;
      }
      const kept = [...keep].reduce((a, i) => a + p[i]!, 0);
      return [...p].map((v, i) => (keep.has(i) ? v / kept : 0));
    };
    const rng = new SamplingRng(3);
    for (const [spread, topK, topP] of [[8, 0, 0.9], [8, 40, 1], [0.01, 0, 0.99999], [30, 0, 0.5], [8, 5, 0.3]] as const) {
      const logits = Array.from({ length: 5000 }, () => (rng.next() - 0.5) * spread);
      const got = processedDistribution(logits, s({ topK, topP }));
      const want = reference(logits, topK, topP);
      for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 12);
    }
  });
});
