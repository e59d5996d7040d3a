// The process reward model (PRM) of the test-time scaling methods: the embedded step judge of
// SpecReason (./../reasoning/judge.ts: the 4-message judge conversation, one digit 0-9) scores each
// step of a partial solution, and the digit d is mapped into [0, 1] as r = (d + 0.5) / 10, so a
// score is never exactly 0 or 1 (particle filtering takes log r - log(1 - r)). The steps are scored
// in order over ONE cached judge conversation: step i's conversation shares everything up to step
// i-1's text with the previous one, so only the new step and the judge's fixed tail are computed.
import { WorkbenchError } from '@app/errors';
import type { LoadedModel } from '../../runtime/loaded-model';
import { prefill } from '../../runtime/prefill';
import type { CancelSignal } from '../context';
import type { JudgeBase, ScoreMethod } from '../reasoning/judge';
import { StepJudge } from '../reasoning/judge';
import type { StepBoundary } from '../reasoning/step-decoder';
import { stepEnded } from '../reasoning/step-decoder';
import type { Prefiller } from '../reasoning/track';
import { Track } from '../reasoning/track';

/** How the judge's reasoning text ends: with the step delimiter (SpecReason's official code) or without (how the embedded judge was trained). */
export type JudgeDelimiter = 'keep' | 'strip';

export interface ScoreStepsOptions {
  signal: CancelSignal;
  /** The judge's KV cache, kept across calls (e.g. one per particle); a fresh track by default. */
  track?: Track;
  /** How a fresh track starts (a method's `(t) => ctx.prefill(role, t)`); a plain unpooled prefill by default. */
  prefill?: Prefiller;
  /** The conversation before the reasoning (a chat prompt's messages); by default one user message, the question. */
  base?: JudgeBase;
  /** greedy: the argmax digit; average (default): the expected digit under the judge's probabilities. */
  scoreMethod?: ScoreMethod;
  /** Default 'strip': the embedded judge was trained on steps joined by the delimiter, no trailing one. */
  judgeDelimiter?: JudgeDelimiter;
  /** Called for a step whose judge conversation does not fit the judge's context (it takes the previous step's score, 0.5 for the first). */
  onOverflow?(stepIndex: number): void;
}

/** The judge's digit (or expected digit) 0-9 as a reward in [0.05, 0.95]. */
export function rewardOfDigit(d: number): number {
  return (Math.min(9, Math.max(0, d)) + 0.5) / 10;
}

/** The reasoning text the judge reads for the steps up to and including `last`. */
export function judgedReasoning(steps: readonly string[], last: number, delimiter: string, mode: JudgeDelimiter): string {
  const joined = steps.slice(0, last + 1).join(delimiter);
  return mode === 'keep' ? joined + delimiter : joined;
}

/**
 * A written solution split into steps by SpecReason's step rule (step-decoder.ts stepEnded): a step
 * ends with the delimiter, except that the closing think marker runs on over the answer line. The
 * delimiters are dropped; empty steps (blank lines) are left out.
 */
export function splitSteps(text: string, boundary: Pick<StepBoundary, 'delimiter' | 'thinkEnd'>): string[] {
  const rule: StepBoundary = { eosIds: new Set(), delimiter: boundary.delimiter, thinkEnd: boundary.thinkEnd };
  const steps: string[] = [];
  let start = 0;
  let at = text.indexOf(boundary.delimiter);
  while (at >= 0) {
    const end = at + boundary.delimiter.length;
    if (stepEnded(text.slice(start, end), -1, rule)) {
      steps.push(text.slice(start, at));
      start = end;
    }
    at = text.indexOf(boundary.delimiter, end);
  }
  steps.push(text.slice(start));
  return steps.filter((s) => s.trim() !== '');
}

/**
 * Scores each step of a partial solution with the embedded judge, as a number in [0, 1] per step
 * (see rewardOfDigit). Step i is judged as the last step of steps[0..i]. Stops early when the
 * signal is cancelled: the result then has fewer scores than steps.
 */
export async function scoreSteps(judge: LoadedModel, question: string, steps: readonly string[], options: ScoreStepsOptions): Promise<number[]> {
  if (!judge.tokenizer.hasChatTemplate) {
    throw new WorkbenchError('method_unsupported', `the step judge needs a chat template, and ${judge.info.name} has none`);
  }
  const track = options.track ?? new Track(judge, options.prefill ?? ((t) => prefill(judge, t, null)));
  const stepJudge = new StepJudge(judge, track, options.base ?? { messages: [{ role: 'user', content: question }], assistantPrefix: '' });
  const delimiter = judge.manifest.stepDelimiter;
  const mode = options.judgeDelimiter ?? 'strip';
  const out: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    if (options.signal.cancelled) break;
    const score = await stepJudge.score(judgedReasoning(steps, i, delimiter, mode), options.scoreMethod ?? 'average');
    if (score) {
      out.push(rewardOfDigit(score.score));
    } else {
      options.onOverflow?.(i);
      out.push(out.length > 0 ? out[out.length - 1]! : 0.5);
    }
  }
  return out;
}
