// Binary integer equations as they appear in reasoning steps (`12 + 5 = 17`): the operators, their
// evaluation, the step text, parsing it back, and plausible wrong results for corrupted steps.
import type { Rng } from '../random';

export type Operator = '+' | '-' | '*' | '/';

export interface Equation {
  left: number;
  operator: Operator;
  right: number;
  result: number;
}

/** The value of `left operator right` (division is exact division; callers keep it integral). */
export function applyOperator(left: number, operator: Operator, right: number): number {
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return left / right;
  }
}

/** The text of an equation: `left op right = result`. */
export function formatEquation(e: Equation): string {
  return `${e.left} ${e.operator} ${e.right} = ${e.result}`;
}

const EQUATION_PATTERN = /^(-?\d+) ([-+*/]) (-?\d+) = (-?\d+)$/;

/** Parses `left op right = result` (integers), or returns null when the text has another shape. */
export function parseEquation(text: string): Equation | null {
  const m = EQUATION_PATTERN.exec(text);
  if (!m) return null;
  return { left: Number(m[1]), operator: m[2] as Operator, right: Number(m[3]), result: Number(m[4]) };
}

/**
 * A non-negative integer near `correct` but different from it, the way slips look: off by one or two,
 * off by ten (a carry error), or off by a few.
 */
export function nearbyWrongNumber(correct: number, rng: Rng): number {
  const offsets = [-10, -2, -1, 1, 2, 10, rng.int(3, 9), -rng.int(3, 9)];
  const candidates = offsets.map((d) => correct + d).filter((n) => n >= 0 && n !== correct);
  return rng.pick(candidates);
}
