// The contract every task family implements: generate a problem of a given difficulty, corrupt one
// of its steps (negative examples for step judges), and solve a question from its text alone.
import type { TaskFamily } from '../datasets';
import type { Problem } from './problem';
import type { Rng } from './random';

export interface TaskGenerator {
  family: TaskFamily;
  /** A problem with exactly `difficulty` reasoning steps. */
  generate(rng: Rng, difficulty: number): Problem;
  /** A plausible but wrong version of step `index` of `p` (must differ from the correct step). */
  corruptStep(p: Problem, index: number, rng: Rng): string;
  /** Recomputes the answer from the question text alone (parses the question); used by tests to prove generated answers are right. */
  solve(question: string): string;
}

/** The highest difficulty (number of steps) every generator supports. */
export const MAX_DIFFICULTY = 16;

/** Throws unless `difficulty` is an integer in 1..16, the range every generator supports. */
export function assertDifficulty(difficulty: number): void {
  if (!Number.isInteger(difficulty) || difficulty < 1 || difficulty > MAX_DIFFICULTY) {
    throw new RangeError(`difficulty must be an integer in 1..${MAX_DIFFICULTY}, got ${difficulty}`);
  }
}

/** Throws unless `index` names a step of `p`. */
export function assertStepIndex(p: Problem, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= p.steps.length) {
    throw new RangeError(`step index ${index} is out of range for a problem with ${p.steps.length} steps`);
  }
}
