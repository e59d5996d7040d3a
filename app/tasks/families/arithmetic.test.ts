import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { arithmetic, MAX_VALUE } from './arithmetic';
import type { Equation } from './equation';
import { applyOperator, parseEquation } from './equation';
import { splitSentences } from './templates';

function equations(steps: readonly string[]): Equation[] {
  return steps.map((step) => {
    const e = parseEquation(step);
    if (!e) throw new Error(`step is not an equation: ${step}`);
    return e;
  });
}

/** What a sentence says to do, read by keywords (independently of the generator's templates). */
function operationOf(sentence: string): { operator: string; operand: number } {
  const number = Number(/\d+/.exec(sentence)?.[0]);
  if (/ more /.test(sentence)) return { operator: '+', operand: number };
  if (/ (gives|loses) /.test(sentence)) return { operator: '-', operand: number };
  if (/doubles\.$/.test(sentence)) return { operator: '*', operand: 2 };
  if (/triples\.$/.test(sentence)) return { operator: '*', operand: 3 };
  if (/ multiplied by /.test(sentence)) return { operator: '*', operand: number };
  if (/ equal groups | equally among /.test(sentence)) return { operator: '/', operand: number };
  throw new Error(`sentence with no operation: ${sentence}`);
}

describe('arithmetic problems', () => {
  it('chain correct equations that follow the sentences, with every value in 0..999', () => {
    const rng = new Rng(2024);
    for (let difficulty = 1; difficulty <= 12; difficulty++) {
      for (let i = 0; i < 100; i++) {
        const p = arithmetic.generate(rng, difficulty);
        const sentences = splitSentences(p.question);
        expect(sentences).toHaveLength(difficulty + 2);
        const start = Number(/ (\d+) /.exec(sentences[0])?.[1]);
        expect(start).toBeGreaterThanOrEqual(2);
        expect(start).toBeLessThanOrEqual(60);
        expect(sentences[sentences.length - 1]).toMatch(/^How many [a-z]+ does [A-Z][a-z]+ have now\?$/);
        let value = start;
        equations(p.steps).forEach((e, k) => {
          expect(e.left).toBe(value);
          expect(e.result).toBe(applyOperator(e.left, e.operator, e.right));
          expect(Number.isInteger(e.result)).toBe(true);
          expect(e.result).toBeGreaterThanOrEqual(0);
          expect(e.result).toBeLessThanOrEqual(MAX_VALUE);
          expect(operationOf(sentences[k + 1])).toEqual({ operator: e.operator, operand: e.right });
          if (e.operator === '+' || e.operator === '-') expect(e.right).toBeLessThanOrEqual(60);
          if (e.operator === '*' || e.operator === '/') expect([2, 3, 4, 5]).toContain(e.right);
          value = e.result;
        });
        expect(String(value)).toBe(p.answer);
      }
    }
  });

  it('uses every operation and several names and objects', () => {
    const rng = new Rng(5);
    const operators = new Set<string>();
    const names = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = arithmetic.generate(rng, 6);
      for (const e of equations(p.steps)) operators.add(e.operator);
      names.add(p.question.split(' ')[0]);
    }
    expect(operators).toEqual(new Set(['+', '-', '*', '/']));
    expect(names.size).toBeGreaterThanOrEqual(20);
  });

  it('corrupts a step into wrong arithmetic or the wrong operand', () => {
    const rng = new Rng(99);
    const kinds = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const p = arithmetic.generate(rng, 1 + (i % 8));
      p.steps.forEach((step, index) => {
        const right = parseEquation(step);
        const wrong = parseEquation(arithmetic.corruptStep(p, index, rng));
        expect(right).not.toBeNull();
        expect(wrong).not.toBeNull();
        if (!right || !wrong) return;
        expect(wrong.operator).toBe(right.operator);
        const badArithmetic = applyOperator(wrong.left, wrong.operator, wrong.right) !== wrong.result;
        const wrongOperand = wrong.left !== right.left || wrong.right !== right.right;
        expect(badArithmetic || wrongOperand).toBe(true);
        kinds.add(badArithmetic ? 'arithmetic' : 'operand');
      });
    }
    expect(kinds).toEqual(new Set(['arithmetic', 'operand']));
  });
});
