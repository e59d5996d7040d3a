import { describe, expect, it } from 'vitest';
import type { SampleEvent } from '@app/events';
import { nextRow, sampleTotals, samplesOf } from './sample-list';

const sample = (index: number, answer: string | null, correct: boolean | null, selected = false): SampleEvent => ({
  kind: 'sample', index, seed: index, text: `t${index}`, tokens: 3, stopReason: 'eos', answer, correct, score: 0.5, meanLogprob: -1, selected,
});

describe('sample list', () => {
  it('orders samples by index and tallies votes, correct ones and the selected sample', () => {
    const events = [{ kind: 'prefill' }, sample(2, '5', true), sample(0, '3', false), sample(1, ' 5', true, true), sample(3, null, false)];
    const samples = samplesOf(events);
    expect(samples.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    const t = sampleTotals(samples);
    expect(t).toMatchObject({ samples: 4, distinctAnswers: 2, correct: 2, votes: [{ answer: '5', count: 2 }, { answer: '3', count: 1 }] });
    expect(t.selected?.index).toBe(1);
    expect(sampleTotals([sample(0, '1', null)]).correct).toBeNull();
  });

  it('moves focus with the arrow keys, Home and End, within the rows', () => {
    expect(nextRow('ArrowDown', 0, 3)).toBe(1);
    expect(nextRow('ArrowDown', 2, 3)).toBe(2);
    expect(nextRow('ArrowUp', 0, 3)).toBe(0);
    expect(nextRow('End', 0, 3)).toBe(2);
    expect(nextRow('Home', 2, 3)).toBe(0);
    expect(nextRow('a', 1, 3)).toBeNull();
  });
});
