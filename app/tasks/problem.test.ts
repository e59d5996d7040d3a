import { describe, expect, it } from 'vitest';
import { GradingSpec } from '../datasets';
import { createProblem, formatReasoning, gradingSpecFor, problemId } from './problem';

describe('formatReasoning', () => {
  it('writes the steps inside the think markers, then the answer line', () => {
    const p = createProblem('arithmetic', 'Q?', ['12 + 5 = 17', '17 - 3 = 14'], '14', 'numeric');
    expect(formatReasoning(p)).toBe('<think>12 + 5 = 17\n17 - 3 = 14\n</think>\nAnswer: 14');
  });
});

describe('createProblem', () => {
  it('derives the difficulty from the steps and a stable id from family and question', () => {
    const p = createProblem('swaps', 'Who?', ['a', 'b', 'c'], 'red', 'exact');
    expect(p.difficulty).toBe(3);
    expect(p.id).toBe(problemId('swaps', 'Who?'));
    expect(p.id).toMatch(/^swaps-[0-9a-f]{16}$/);
    expect(problemId('swaps', 'Who else?')).not.toBe(p.id);
    expect(problemId('arithmetic', 'Who?')).not.toBe(p.id);
  });
});

describe('gradingSpecFor', () => {
  it('gives valid specs of the matching kind', () => {
    expect(GradingSpec.parse(gradingSpecFor('numeric')).kind).toBe('numeric');
    expect(GradingSpec.parse(gradingSpecFor('exact'))).toEqual({ kind: 'exact', caseSensitive: false });
  });
});
