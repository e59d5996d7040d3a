import { describe, expect, it } from 'vitest';
import { taskFamilies } from '../datasets';
import type { SuiteOptions } from './suite';
import { familyAnswerKinds, generateSuite, generators } from './suite';
import { splitOf } from './splits';

const base: SuiteOptions = { families: [...taskFamilies], difficulties: [1, 3, 5], countPerCell: 20, seed: 1, split: 'test' };

describe('generateSuite', () => {
  it('gives every problem the answer kind its family is listed with', () => {
    for (const p of generateSuite(base)) expect(p.answerKind, p.family).toBe(familyAnswerKinds[p.family]);
  });

  it('is deterministic for the same options and changes with the seed', () => {
    const a = generateSuite(base);
    expect(generateSuite({ ...base })).toEqual(a);
    const b = generateSuite({ ...base, seed: 2 });
    expect(b.map((p) => p.question)).not.toEqual(a.map((p) => p.question));
  });

  it('orders cells family-major then by difficulty, each full, distinct and of the requested split', () => {
    const problems = generateSuite({ ...base, families: ['swaps', 'arithmetic'], difficulties: [4, 2], split: 'validation' });
    const cells = problems.map((p) => `${p.family}:${p.difficulty}`);
    const expected = ['swaps:4', 'swaps:2', 'arithmetic:4', 'arithmetic:2'].flatMap((cell) => Array(20).fill(cell));
    expect(cells).toEqual(expected);
    expect(new Set(problems.map((p) => p.question)).size).toBe(problems.length);
    expect(new Set(problems.map((p) => p.id)).size).toBe(problems.length);
    expect(problems.every((p) => splitOf(p.question) === 'validation')).toBe(true);
    expect(problems.every((p) => generators[p.family].solve(p.question) === p.answer)).toBe(true);
  });

  it('draws each cell independently of the others', () => {
    const alone = generateSuite({ ...base, families: ['variables'], difficulties: [3] });
    const together = generateSuite(base).filter((p) => p.family === 'variables' && p.difficulty === 3);
    expect(together).toEqual(alone);
  });

  it('ignores repeated families and difficulties instead of duplicating cells', () => {
    const once = generateSuite({ ...base, families: ['swaps'], difficulties: [2] });
    expect(generateSuite({ ...base, families: ['swaps', 'swaps'], difficulties: [2, 2] })).toEqual(once);
  });

  it('fills 2000 training problems per cell at difficulties 1..6, and 100 test problems', () => {
    const train = generateSuite({ families: [...taskFamilies], difficulties: [1, 2, 3, 4, 5, 6], countPerCell: 2000, seed: 123, split: 'train' });
    expect(train).toHaveLength(3 * 6 * 2000);
    expect(new Set(train.map((p) => p.question)).size).toBe(train.length);
    const test = generateSuite({ families: [...taskFamilies], difficulties: [1, 2, 3, 4, 5, 6], countPerCell: 100, seed: 123, split: 'test' });
    expect(test).toHaveLength(3 * 6 * 100);
  });

  it('fails with a clear error when a cell has too few distinct questions', () => {
    // Difficulty 1 of the variables family has about 3000 distinct questions, about 5% of them test ones.
    expect(() => generateSuite({ ...base, families: ['variables'], difficulties: [1], countPerCell: 200 })).toThrow(
      /variables at difficulty 1/,
    );
  });

  it('returns nothing for zero per cell and refuses a negative count', () => {
    expect(generateSuite({ ...base, countPerCell: 0 })).toEqual([]);
    expect(() => generateSuite({ ...base, countPerCell: -1 })).toThrow(RangeError);
  });
});
