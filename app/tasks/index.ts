// The public API of the synthetic reasoning task suite: problems and their trace format, the three
// task families, suite generation with disjoint splits, answer grading, and step-judge data.
export { Rng, deriveSeed, hashString } from './random';
export type { AnswerKind, Problem } from './problem';
export {
  ANSWER_PREFIX,
  STEP_DELIMITER,
  THINK_END,
  THINK_START,
  createProblem,
  formatReasoning,
  gradingSpecFor,
  problemId,
} from './problem';
export type { TaskGenerator } from './generator';
export { MAX_DIFFICULTY } from './generator';
export { arithmetic } from './families/arithmetic';
export { variables } from './families/variables';
export { swaps } from './families/swaps';
export { splitOf } from './splits';
export type { SuiteOptions } from './suite';
export { familyAnswerKinds, generateSuite, generators } from './suite';
export { extractAnswer, gradeOutput, parseGsm8kAnswer, parseNumber } from './grader';
export type { JudgeExample } from './judge';
export { JUDGE_INSTRUCTION, JUDGE_PREFILL, judgeExamples, judgeMessages } from './judge';
