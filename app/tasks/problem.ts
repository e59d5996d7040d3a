// One synthetic reasoning problem: its shape, its stable id, the text format of a reference
// reasoning trace (<think> steps </think> Answer:), and the grading spec that fits its answer kind.
import type { GradingSpec, TaskFamily } from '../datasets';
import { hashString } from './random';

export const THINK_START = '<think>';
export const THINK_END = '</think>';
export const STEP_DELIMITER = '\n';
export const ANSWER_PREFIX = 'Answer:';

export type AnswerKind = 'numeric' | 'exact';

export interface Problem {
  /** Stable id derived from family and question text (see problemId). */
  id: string;
  family: TaskFamily;
  /** Number of reasoning steps; always equal to steps.length. */
  difficulty: number;
  question: string;
  /** Reference reasoning, one step per element; each step is a single line. */
  steps: string[];
  answer: string;
  answerKind: AnswerKind;
}

/**
 * Stable id of a problem: the family and a 64-bit hash of the question (two 32-bit FNV-1a hashes,
 * the second over a salted text), so ids stay unique across suites of hundreds of thousands.
 */
export function problemId(family: TaskFamily, question: string): string {
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return `${family}-${hex(hashString(question))}${hex(hashString(`#${question}`))}`;
}

/** Builds a Problem, deriving its id and difficulty from the question and the steps. */
export function createProblem(
  family: TaskFamily,
  question: string,
  steps: string[],
  answer: string,
  answerKind: AnswerKind,
): Problem {
  return { id: problemId(family, question), family, difficulty: steps.length, question, steps, answer, answerKind };
}

/**
 * The reference completion of a problem, e.g. `<think>12 + 5 = 17\n17 - 3 = 14\n</think>\nAnswer: 14`:
 * the steps joined by the step delimiter, each followed by a newline, then the answer line.
 */
export function formatReasoning(p: Problem): string {
  return `${THINK_START}${p.steps.join(STEP_DELIMITER)}${STEP_DELIMITER}${THINK_END}\n${ANSWER_PREFIX} ${p.answer}`;
}

/** The grading spec for an answer kind: numeric answers with a tiny tolerance, exact ones case-insensitive. */
export function gradingSpecFor(kind: AnswerKind): GradingSpec {
  return kind === 'numeric' ? { kind: 'numeric', tolerance: 1e-6 } : { kind: 'exact', caseSensitive: false };
}
