import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { applyOperator, parseEquation } from './equation';
import { MAX_VALUE, variables } from './variables';
import type { Operator } from './equation';

const STEP = /^([a-z]) = (\d+) ([-+*]) (\d+) = (\d+)$/;

/** The question's statements, evaluated independently of the generator. */
function readQuestion(question: string) {
  const parts = question.split('. ');
  const asked = /What is ([a-z])\?$/.exec(question)?.[1];
  const statements = parts.slice(0, -1).concat(parts[parts.length - 1].replace(/ ?What is [a-z]\?$/, '').replace(/\.$/, ''));
  const values = new Map<string, number>();
  const derived: { name: string; left: string; operator: Operator; right: string }[] = [];
  const valueOf = (t: string): number => (/^\d+$/.test(t) ? Number(t) : (values.get(t) ?? NaN));
  for (const s of statements.filter((x) => x !== '')) {
    const m = /^([a-z]) = ([a-z0-9]+)(?: ([-+*]) ([a-z0-9]+))?$/.exec(s.replace(/\.$/, ''));
    if (!m) throw new Error(`bad statement: ${s}`);
    if (m[3]) {
      derived.push({ name: m[1], left: m[2], operator: m[3] as Operator, right: m[4] });
      values.set(m[1], applyOperator(valueOf(m[2]), m[3] as Operator, valueOf(m[4])));
    } else {
      values.set(m[1], valueOf(m[2]));
    }
  }
  return { asked, values, derived, names: statements.filter((x) => x !== '').map((s) => s[0]), valueOf };
}

describe('variables problems', () => {
  it('bind letters in order, ask for the last one, and substitute values correctly in each step', () => {
    const rng = new Rng(31);
    for (let difficulty = 1; difficulty <= 12; difficulty++) {
      for (let i = 0; i < 100; i++) {
        const p = variables.generate(rng, difficulty);
        const q = readQuestion(p.question);
        expect(q.names.join('')).toBe('abcdefghijklmnopqrstuvwxyz'.slice(0, q.names.length));
        expect(q.asked).toBe(q.names[q.names.length - 1]);
        expect(q.derived).toHaveLength(difficulty);
        expect([1, 2]).toContain(q.names.length - difficulty);
        for (let c = 0; c < q.names.length - difficulty; c++) {
          const constant = q.values.get(q.names[c]) ?? NaN;
          expect(constant).toBeGreaterThanOrEqual(1);
          expect(constant).toBeLessThanOrEqual(20);
        }
        p.steps.forEach((step, k) => {
          const m = STEP.exec(step);
          expect(m, step).not.toBeNull();
          if (!m) return;
          const d = q.derived[k];
          expect(m[1]).toBe(d.name);
          const e = parseEquation(`${m[2]} ${m[3]} ${m[4]} = ${m[5]}`);
          expect(e).toEqual({ left: q.valueOf(d.left), operator: d.operator, right: q.valueOf(d.right), result: q.values.get(d.name) });
          expect(e && applyOperator(e.left, e.operator, e.right)).toBe(e?.result);
          expect(e?.result).toBeGreaterThanOrEqual(0);
          expect(e?.result).toBeLessThanOrEqual(MAX_VALUE);
          if (d.operator === '*' && /^\d+$/.test(d.right)) expect([2, 3, 4]).toContain(Number(d.right));
          // The chain always continues from the latest variable; with two constants it starts as `c = a op b`.
          const combinesConstants = k === 0 && q.names.length - difficulty === 2;
          expect(d.left).toBe(combinesConstants ? 'a' : q.names[q.names.indexOf(d.name) - 1]);
          if (combinesConstants) expect(d.right).toBe('b');
        });
        expect(p.answer).toBe(String(q.values.get(q.asked ?? '')));
      }
    }
  });

  it('uses all three operators and both constant and variable operands', () => {
    const rng = new Rng(8);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      for (const d of readQuestion(variables.generate(rng, 5).question).derived) {
        seen.add(d.operator);
        seen.add(/^\d+$/.test(d.right) ? 'constant' : 'variable');
      }
    }
    expect(seen).toEqual(new Set(['+', '-', '*', 'constant', 'variable']));
  });

  it('corrupts a step into wrong arithmetic or a wrong variable value', () => {
    const rng = new Rng(12);
    const kinds = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const p = variables.generate(rng, 1 + (i % 8));
      p.steps.forEach((step, index) => {
        const right = STEP.exec(step);
        const wrong = STEP.exec(variables.corruptStep(p, index, rng));
        expect(wrong).not.toBeNull();
        if (!right || !wrong) return;
        expect(wrong[1]).toBe(right[1]);
        expect(wrong[3]).toBe(right[3]);
        const badArithmetic = applyOperator(Number(wrong[2]), wrong[3] as Operator, Number(wrong[4])) !== Number(wrong[5]);
        const wrongValue = wrong[2] !== right[2] || wrong[4] !== right[4];
        expect(badArithmetic || wrongValue).toBe(true);
        kinds.add(badArithmetic ? 'arithmetic' : 'value');
      });
    }
    expect(kinds).toEqual(new Set(['arithmetic', 'value']));
  });
});
