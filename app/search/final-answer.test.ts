import { describe, expect, it } from 'vitest';
import { chooseFinal, highestWeight, weightedVote } from './final-answer';

const candidates = [
  { particle: 0, weight: 0.4, answer: '14' },
  { particle: 1, weight: 0.3, answer: '12' },
  { particle: 2, weight: 0.3, answer: ' 12 ' },
  { particle: 3, weight: 0.0, answer: null },
];

describe('final answer of a particle filter', () => {
  it('highest weight takes the heaviest particle, ties to the lower index', () => {
    expect(highestWeight(candidates)?.particle).toBe(0);
    expect(highestWeight([{ particle: 2, weight: 0.5, answer: 'a' }, { particle: 1, weight: 0.5, answer: 'b' }])?.particle).toBe(1);
    expect(highestWeight([])).toBeNull();
  });

  it('weighted vote sums the weights per answer and returns that answer heaviest particle', () => {
    // "12" collects 0.6 against 0.4 for "14"; its particles tie at 0.3, so the lower index.
    expect(weightedVote(candidates)?.particle).toBe(1);
    expect(chooseFinal('weighted-vote', candidates)?.answer).toBe('12');
    expect(chooseFinal('highest-weight', candidates)?.answer).toBe('14');
  });

  it('weighted vote without any answer falls back to the highest weight', () => {
    expect(weightedVote([{ particle: 0, weight: 0.2, answer: null }, { particle: 1, weight: 0.8, answer: '' }])?.particle).toBe(1);
  });
});
