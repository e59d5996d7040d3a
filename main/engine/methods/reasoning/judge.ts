// SpecReason's step judge: the large model reads a 4-message conversation (the question, the
// reasoning so far ending with the new step, an instruction to judge only that step, and a
// prefilled answer start) and emits ONE token, a digit 0-9. The score is that digit (greedy) or the
// expected digit under the judge's probabilities (average), as in the official code's
// process_logprobs. The conversation is kept in one KV cache across steps (only the new step and
// the fixed tail are computed per step).
import { WorkbenchError } from '@app/errors';
import type { ChatMessage, Prompt } from '@app/runs';
import { JUDGE_INSTRUCTION, JUDGE_PREFILL } from '@app/tasks/judge';
import type { LoadedModel } from '../../runtime/loaded-model';
import { argmax, logSoftmax, topK } from '../../runtime/sampling';
import type { WorkbenchTokenizer } from '../../runtime/tokenizer';
import type { Track } from './track';

export type ScoreMethod = 'greedy' | 'average';

export interface JudgeScore {
  /** 0..9 (greedy: an integer; average: the expected digit). */
  score: number;
  /** The judge's probability of each digit 0-9, renormalised over the digits. */
  distribution: number[];
  ms: number;
  /** Judge-conversation tokens computed for this score (the rest came from the cache). */
  computed: number;
}

/** The vocabulary ids of the digits 0-9; throws when a digit is not a single token. */
export function digitTokenIds(tokenizer: WorkbenchTokenizer, modelName: string): number[] {
  return Array.from({ length: 10 }, (_, d) => {
    const ids = tokenizer.encode(String(d));
    if (ids.length !== 1) {
      throw new WorkbenchError('method_unsupported', `SpecReason's judge answers with one digit token, but ${modelName}'s tokenizer splits "${d}" into ${ids.length} tokens`);
    }
    return ids[0]!;
  });
}

/**
 * The score of one judge pass from its next-token logits. greedy: the argmax token as a digit, 0 when
 * it is not a digit. average: among the 10 most likely tokens, the digits' probabilities renormalised
 * and averaged (sum d * p(d)); 0 when none of them is a digit. The distribution is over all 10 digits.
 */
export function scoreFromLogits(logits: ArrayLike<number>, digitIds: readonly number[], method: ScoreMethod): Pick<JudgeScore, 'score' | 'distribution'> {
  const lp = logSoftmax(logits);
  const digitP = digitIds.map((id) => Math.exp(lp[id]!));
  const total = digitP.reduce((a, b) => a + b, 0);
  const distribution = digitP.map((p) => (total > 0 ? p / total : 0));
  if (method === 'greedy') {
    const d = digitIds.indexOf(argmax(logits));
    return { score: d >= 0 ? d : 0, distribution };
  }
  let mass = 0;
  let sum = 0;
  for (const [id, v] of topK(lp, 10)) {
    const d = digitIds.indexOf(id);
    if (d < 0) continue;
    mass += Math.exp(v);
    sum += d * Math.exp(v);
  }
  return { score: mass > 0 ? sum / mass : 0, distribution };
}

/** The conversation before the assistant's reasoning, and any text the assistant turn starts with. */
export interface JudgeBase {
  messages: ChatMessage[];
  assistantPrefix: string;
}

/** Splits a run's prompt into the judge's leading messages; raw prompts have no messages to judge in. */
export function judgeBaseOf(prompt: Prompt | undefined): JudgeBase {
  if (!prompt || prompt.kind === 'raw') {
    throw new WorkbenchError('method_unsupported', "SpecReason needs a text or chat prompt: the large model's judge conversation is built from its messages");
  }
  if (prompt.kind === 'text') return { messages: [{ role: 'user', content: prompt.text }], assistantPrefix: '' };
  const last = prompt.messages[prompt.messages.length - 1]!;
  if (last.role === 'assistant') return { messages: prompt.messages.slice(0, -1), assistantPrefix: last.content };
  return { messages: prompt.messages, assistantPrefix: '' };
}

export interface JudgeText {
  thinkStart: string;
  instruction: string;
  prefill: string;
}

/**
 * The scoring prompt of the SpecReason paper's code (spec_reason.py, get_score), for a general
 * instruct model that was never trained as a judge: the instruction, and an assistant prefill that
 * reopens the think block.
 */
export const PAPER_JUDGE_INSTRUCTION =
  'Evaluate the last reasoning step solely based on factual correctness and logical validity. Ignore style, phrasing, or overall usefulness\u2014only judge whether the step is objectively correct and logically follows from prior steps. Assign a score from 0 to 9.';
export const PAPER_JUDGE_PREFILL = '<think>I think the quality score is: ';

/**
 * The judge's wording for a model: the prompt it was trained with (the embedded models' manifests
 * carry it; our own exports without one get the workbench's), else the paper's scoring prompt.
 */
export function judgeTextOf(model: LoadedModel): JudgeText {
  const thinkStart = model.manifest.specialTokens.thinkStart ?? '<think>';
  if (model.manifest.judge) return { thinkStart, instruction: model.manifest.judge.instruction, prefill: model.manifest.judge.prefill };
  if (model.manifest.roles.includes('judge')) return { thinkStart, instruction: JUDGE_INSTRUCTION, prefill: JUDGE_PREFILL };
  return { thinkStart, instruction: PAPER_JUDGE_INSTRUCTION, prefill: PAPER_JUDGE_PREFILL };
}

/**
 * The 4-message judge conversation: the prompt's messages, the assistant's reasoning (opened with
 * the think marker, not closed) ending with the new step, the instruction, the prefilled answer.
 * `reasoning` is the assistant text so far plus the new step, without its trailing delimiter; for a
 * text prompt this equals app/tasks' judgeMessages(question, stepsSoFar, newStep).
 */
export function judgeConversation(base: JudgeBase, text: JudgeText, reasoning: string): ChatMessage[] {
  const full = base.assistantPrefix + reasoning;
  const content = full.startsWith(text.thinkStart) ? full : text.thinkStart + full;
  return [...base.messages, { role: 'assistant', content }, { role: 'user', content: text.instruction }, { role: 'assistant', content: text.prefill }];
}

/** Scores steps with the large model over one cached judge conversation. */
export class StepJudge {
  readonly digitIds: number[];
  readonly text: JudgeText;
  passes = 0;

  constructor(
    private readonly model: LoadedModel,
    private readonly track: Track,
    private readonly base: JudgeBase,
  ) {
    this.digitIds = digitTokenIds(model.tokenizer, model.info.name);
    this.text = judgeTextOf(model);
  }

  /** The judge's token ids for `reasoning` (assistant text so far + the new step). */
  tokens(reasoning: string): number[] {
    const rendered = this.model.tokenizer.applyChatTemplate(judgeConversation(this.base, this.text, reasoning), { continueFinalMessage: true });
    return this.model.tokenizer.encode(rendered);
  }

  /** Scores the last step of `reasoning` with one greedy token; null when the conversation would not fit the model's context. */
  async score(reasoning: string, method: ScoreMethod): Promise<JudgeScore | null> {
    const t0 = performance.now();
    const ids = this.tokens(reasoning);
    if (ids.length >= this.model.contextLength) return null;
    const logits = await this.track.logitsAfter(ids);
    this.passes++;
    return { ...scoreFromLogits(logits, this.digitIds, method), ms: performance.now() - t0, computed: this.track.lastFed };
  }
}
