// Properties every task family must have, checked over many generated problems at difficulties 1..12.
import { describe, expect, it } from 'vitest';
import { taskFamilies } from '../../datasets';
import { gradeOutput, extractAnswer } from '../grader';
import { formatReasoning, gradingSpecFor } from '../problem';
import { Rng } from '../random';
import { generators } from '../suite';

const DIFFICULTIES = Array.from({ length: 12 }, (_, i) => i + 1);
const PER_DIFFICULTY = 100;

describe.each(taskFamilies)('%s generator', (family) => {
  const generator = generators[family];

  it('names its family', () => {
    expect(generator.family).toBe(family);
  });

  it.each(DIFFICULTIES)('at difficulty %i: step count, solvable answer, single-line steps, grading round trip', (difficulty) => {
    const rng = new Rng(1000 + difficulty);
    for (let i = 0; i < PER_DIFFICULTY; i++) {
      const p = generator.generate(rng, difficulty);
      expect(p.family).toBe(family);
      expect(p.difficulty).toBe(difficulty);
      expect(p.steps).toHaveLength(difficulty);
      expect(p.steps.every((s) => s.length > 0 && !s.includes('\n'))).toBe(true);
      expect(p.question.includes('\n')).toBe(false);
      expect(generator.solve(p.question)).toBe(p.answer);
      expect(p.answerKind).toBe(family === 'swaps' ? 'exact' : 'numeric');
      expect(p.id.startsWith(`${family}-`)).toBe(true);
      const output = formatReasoning(p);
      expect(extractAnswer(output, p.answerKind)).toBe(p.answer);
      expect(gradeOutput(output, p.answer, gradingSpecFor(p.answerKind)).correct).toBe(true);
    }
  });

  it('produces the same problems from the same seed and different ones from another', () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 20 }, () => generator.generate(rng, 4));
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5).map((p) => p.question)).not.toEqual(draw(6).map((p) => p.question));
  });

  it('works up to difficulty 16 and refuses difficulties outside 1..16', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 50; i++) {
      const p = generator.generate(rng, 16);
      expect(p.steps).toHaveLength(16);
      expect(generator.solve(p.question)).toBe(p.answer);
    }
    for (const bad of [0, 17, 2.5, -1, NaN]) expect(() => generator.generate(rng, bad)).toThrow(RangeError);
  });

  it('corrupts every step into a different step of the same shape', () => {
    const rng = new Rng(77);
    for (const difficulty of DIFFICULTIES) {
      for (let i = 0; i < 20; i++) {
        const p = generator.generate(rng, difficulty);
        p.steps.forEach((step, index) => {
          const wrong = generator.corruptStep(p, index, rng);
          expect(wrong).not.toBe(step);
          expect(wrong.includes('\n')).toBe(false);
        });
        expect(() => generator.corruptStep(p, difficulty, rng)).toThrow(RangeError);
      }
    }
  });

  it('refuses to solve text that is not one of its questions', () => {
    for (const text of ['', 'What is the meaning of life?', 'Hello. World.']) {
      expect(() => generator.solve(text)).toThrow();
    }
  });
});
