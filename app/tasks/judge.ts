// SpecReason-style step judging: the chat prompt in which a large model scores the latest reasoning
// step with one digit (0 wrong .. 9 correct), and labelled examples for training such a judge.
import type { ChatMessage } from '../runs';
import type { Problem } from './problem';
import { STEP_DELIMITER, THINK_START } from './problem';
import type { Rng } from './random';
import { generators } from './suite';

export const JUDGE_INSTRUCTION =
  'Judge only the last step above. Is it correct and logically valid? Ignore style. Answer with one digit from 0 (wrong) to 9 (correct).';
export const JUDGE_PREFILL = 'I think the quality score is: ';

/**
 * The judge's conversation for one new step: the question, the reasoning so far ending with the new
 * step (opened with the think marker, not closed), the instruction, and the prefilled answer start.
 */
export function judgeMessages(question: string, stepsSoFar: string[], newStep: string): ChatMessage[] {
  return [
    { role: 'user', content: question },
    { role: 'assistant', content: THINK_START + [...stepsSoFar, newStep].join(STEP_DELIMITER) },
    { role: 'user', content: JUDGE_INSTRUCTION },
    { role: 'assistant', content: JUDGE_PREFILL },
  ];
}

export interface JudgeExample {
  problemId: string;
  question: string;
  /** The correct steps before the judged one. */
  stepsSoFar: string[];
  step: string;
  correct: boolean;
  /** The target score, 0..9. */
  score: number;
}

/** A soft score for a correct step: usually 9, sometimes 8, so the judge does not become overconfident. */
function correctScore(rng: Rng): number {
  return rng.chance(0.7) ? 9 : 8;
}

/** A soft score for a wrong step: 0 half the time, 1 or 2 otherwise. */
function wrongScore(rng: Rng): number {
  const r = rng.next();
  if (r < 0.5) return 0;
  if (r < 0.8) return 1;
  return 2;
}

/**
 * Labelled judge examples for a problem: for every step, the correct step (score 8 or 9) and a
 * corrupted version of it from the family's generator (score 0, 1 or 2), both after the correct
 * steps before it.
 */
export function judgeExamples(p: Problem, rng: Rng): JudgeExample[] {
  const generator = generators[p.family];
  return p.steps.flatMap((step, index): JudgeExample[] => {
    const base = { problemId: p.id, question: p.question, stepsSoFar: p.steps.slice(0, index) };
    return [
      { ...base, step, correct: true, score: correctScore(rng) },
      { ...base, step: generator.corruptStep(p, index, rng), correct: false, score: wrongScore(rng) },
    ];
  });
}
