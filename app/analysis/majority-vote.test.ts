import { describe, expect, it } from 'vitest';
import { majorityAtKCurve, majorityVoteAccuracy, majorityWinner } from './majority-vote';

const s = (sample: number, answer: string | null, correct: boolean | null) => ({ sample, answer, correct });

describe('majority vote', () => {
  it('picks the most frequent answer, case and space folded; ties go to the earliest sample', () => {
    expect(majorityWinner([s(0, '13', false), s(1, '14', true), s(2, ' 14', true)])?.answer).toBe('14');
    expect(majorityWinner([s(0, 'Red', true), s(1, 'red ', true), s(2, 'blue', false)])?.correct).toBe(true);
    // 1 vote each: sample 0's answer wins, whatever order the samples come in.
    expect(majorityWinner([s(2, '7', true), s(0, '5', false), s(1, '6', false)])?.answer).toBe('5');
    expect(majorityWinner([s(0, null, false), s(1, '', false)])).toBeNull();
  });

  it('scores items by their winning answer', () => {
    const items = [
      [s(0, '14', true), s(1, '14', true), s(2, '13', false)], // right by vote
      [s(0, '14', true), s(1, '13', false), s(2, '13', false)], // wrong by vote though one sample is right
      [s(0, null, false), s(1, null, false), s(2, '9', false)], // wrong
      [s(0, '1', null)], // ungraded: left out
    ];
    expect(majorityVoteAccuracy(items)).toBeCloseTo(1 / 3, 12);
    // First k samples only: with k=1 the first two items are right.
    expect(majorityAtKCurve(items, 3)).toEqual([2 / 3, 2 / 3, 1 / 3]);
  });
});
