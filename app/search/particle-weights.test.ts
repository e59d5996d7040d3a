import { describe, expect, it } from 'vitest';
import { particleWeights, rewardLogit, softmaxWithTemperature } from './particle-weights';

describe('particle weights', () => {
  it('are the softmax of the rewards logits: proportional to the odds at temperature 1', () => {
    // logits 0 and ln 3 -> [1, 3] / 4.
    const w = particleWeights([0.5, 0.75], 1);
    expect(w[0]).toBeCloseTo(0.25, 12);
    expect(w[1]).toBeCloseTo(0.75, 12);
  });

  it('sharpen at lower temperature: logits / 0.5 -> odds squared', () => {
    // [0, 2 ln 3] -> [1, 9] / 10.
    const w = particleWeights([0.5, 0.75], 0.5);
    expect(w[0]).toBeCloseTo(0.1, 12);
    expect(w[1]).toBeCloseTo(0.9, 12);
  });

  it('are uniform for equal rewards and finite for rewards 0 and 1', () => {
    expect(particleWeights([0.3, 0.3, 0.3, 0.3], 0.7)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const w = particleWeights([0, 1], 1);
    expect(w.every(Number.isFinite)).toBe(true);
    expect(w[1]).toBeGreaterThan(0.999999);
    expect(Number.isFinite(rewardLogit(0))).toBe(true);
  });

  it('softmax with temperature is stable for large values and refuses a non-positive temperature', () => {
    const w = softmaxWithTemperature([1000, 1000 + Math.log(3)], 1);
    expect(w[1]).toBeCloseTo(0.75, 12);
    expect(softmaxWithTemperature([], 1)).toEqual([]);
    expect(() => softmaxWithTemperature([1], 0)).toThrow(/positive/);
    expect(() => rewardLogit(Number.NaN)).toThrow(/finite/);
  });
});
