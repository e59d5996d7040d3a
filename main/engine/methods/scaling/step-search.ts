// What particle filtering and A*-decoding share: partial solutions kept as token ids after the
// prompt (so the chosen path is exactly tokens the policy wrote), a policy that writes one reasoning
// step for many states at once through ctx.sampleMany (the step ends at SpecReason's delimiter rule,
// step-decoder.ts), the judge scoring only the newest step as a process reward model (the reward
// mapping of process-reward.ts), and writing the chosen path to the run's output.
import { WorkbenchError } from '@app/errors';
import type { SearchNode } from '@app/events';
import type { PrmAggregation } from '@app/analysis/prm-aggregate';
import { aggregateStepScores } from '@app/analysis/prm-aggregate';
import type { LoadedModel } from '../../runtime/loaded-model';
import { SamplingRng } from '../../runtime/sampling';
import type { WorkbenchTokenizer } from '../../runtime/tokenizer';
import type { MethodContext } from '../context';
import type { Continuation } from '../continuation';
import { StepJudge, digitTokenIds, judgeBaseOf } from '../reasoning/judge';
import type { StepBoundary } from '../reasoning/step-decoder';
import { stepEnded } from '../reasoning/step-decoder';
import { Track } from '../reasoning/track';
import { judgedReasoning, rewardOfDigit } from './process-reward';

/** A partial solution: its tokens after the prompt, its steps' text (without delimiters) and scores. */
export interface SolutionState {
  tokens: readonly number[];
  steps: readonly string[];
  scores: readonly number[];
  /** It ended with end-of-turn (the token is not in `tokens`). */
  eos: boolean;
}

export const EMPTY_SOLUTION: SolutionState = { tokens: [], steps: [], scores: [], eos: false };

/** One new step of one state, scored. */
export interface ScoredStep {
  state: SolutionState;
  text: string;
  tokens: number;
  stepScore: number;
  reward: number;
  finished: boolean;
  /** The step's token ids joined (sibling identity). */
  key: string;
}

/** Refuses what the search methods cannot run: a raw prompt, a judge without chat template or single-digit tokens. */
export function checkSearch(models: Record<string, LoadedModel>, label: string): void {
  const judge = models.judge!;
  if (!judge.tokenizer.hasChatTemplate) throw new WorkbenchError('method_unsupported', `${label}'s process reward model (the judge) needs a chat template, and ${judge.info.name} has none`);
  digitTokenIds(judge.tokenizer, judge.info.name);
}

/** A stop rule for one continuation: true once the step's text ends at the delimiter (SpecReason's rule). */
function stepStop(tokenizer: WorkbenchTokenizer, boundary: StepBoundary): (ids: readonly number[]) => boolean {
  let text = '';
  let seen = 0;
  return (ids) => {
    while (seen < ids.length) text += tokenizer.piece(ids[seen++]!);
    return stepEnded(text, ids[ids.length - 1]!, boundary);
  };
}

/** Writes and scores steps for a search run; counts tokens, judge passes and judge time. */
export class StepSearch {
  readonly policy: LoadedModel;
  readonly judge: StepJudge;
  private readonly boundary: StepBoundary;
  private readonly seeds: SamplingRng;
  sampledTokens = 0;
  judgeMs = 0;

  constructor(
    private readonly ctx: MethodContext,
    private readonly stepTokenCap: number,
    private readonly aggregation: PrmAggregation,
    private readonly judgeClosingStep: boolean,
  ) {
    this.policy = ctx.models.policy!;
    const judgeModel = ctx.models.judge!;
    if (!ctx.prompt || ctx.prompt.kind === 'raw') throw new WorkbenchError('method_unsupported', 'the search methods need a text or chat prompt: the judge reads the question from its messages');
    this.judge = new StepJudge(judgeModel, new Track(judgeModel, (t) => ctx.prefill('judge', t)), judgeBaseOf(ctx.prompt));
    this.boundary = { eosIds: this.policy.tokenizer.eosIds, delimiter: this.policy.manifest.stepDelimiter, thinkEnd: this.policy.manifest.specialTokens.thinkEnd ?? null };
    this.seeds = new SamplingRng(ctx.sampling.seed);
  }

  /** Judge passes so far. */
  get prmCalls(): number {
    return this.judge.passes;
  }

  /** The text of token ids (end-of-turn excluded). */
  textOf(ids: readonly number[]): string {
    return this.policy.tokenizer.decode(ids.filter((id) => !this.policy.tokenizer.eosIds.has(id)));
  }

  /** Room left for a state's path within the run's token limit. */
  room(state: SolutionState): number {
    return this.ctx.sampling.maxNewTokens - state.tokens.length;
  }

  /** One new step for each state (each with its own seed), scored by the judge; in the order given. */
  async extend(states: readonly SolutionState[]): Promise<ScoredStep[]> {
    const tk = this.policy.tokenizer;
    const specs = states.map((s) => ({ prefix: s.tokens, seed: Math.floor(this.seeds.next() * 2 ** 31), maxNewTokens: Math.max(1, Math.min(this.stepTokenCap, this.room(s))), stopAfter: stepStop(tk, this.boundary) }));
    const conts = await this.ctx.sampleMany('policy', specs);
    const out: ScoredStep[] = [];
    const scoredByKey = new Map<string, number>();
    for (let i = 0; i < states.length; i++) out.push(await this.scoreOne(states[i]!, conts[i]!, scoredByKey));
    return out;
  }

  // Scores the newest step only (earlier scores are the state's own); siblings with the same text share one judge pass.
  private async scoreOne(s: SolutionState, c: Continuation, scoredByKey: Map<string, number>): Promise<ScoredStep> {
    this.sampledTokens += c.tokens.length;
    const tokens = [...s.tokens, ...c.tokens];
    const text = this.textOf(c.tokens);
    const delimiter = this.boundary.delimiter;
    const body = text.endsWith(delimiter) ? text.slice(0, text.length - delimiter.length) : text;
    const steps = [...s.steps, body];
    const key = tokens.join(',');
    const thinkEnd = this.boundary.thinkEnd;
    // The embedded judge was not trained on the closing step (</think> and the answer line) and scores
    // it low (SpecReason's closingStep note): unless asked, it inherits the last reasoning step's score.
    const closing = thinkEnd !== null && body.trimStart().startsWith(thinkEnd) && s.scores.length > 0;
    let stepScore = closing && !this.judgeClosingStep ? s.scores[s.scores.length - 1]! : scoredByKey.get(key);
    if (stepScore === undefined && !this.ctx.signal.cancelled) {
      const judged = await this.judge.score(judgedReasoning(steps, steps.length - 1, delimiter, 'strip'), 'average');
      this.judgeMs += judged?.ms ?? 0;
      // A conversation past the judge's context takes the previous step's score (as scoreSteps does).
      stepScore = judged ? rewardOfDigit(judged.score) : (s.scores[s.scores.length - 1] ?? 0.5);
      scoredByKey.set(key, stepScore);
    }
    stepScore ??= s.scores[s.scores.length - 1] ?? 0.5;
    const scores = [...s.scores, stepScore];
    const eos = c.stopReason === 'eos';
    const finished = eos || c.stopReason === 'cancelled' || body.includes(this.policy.manifest.answerPrefix) || tokens.length >= this.ctx.sampling.maxNewTokens;
    return { state: { tokens, steps, scores, eos }, text, tokens: c.tokens.length, stepScore, reward: aggregateStepScores(scores, this.aggregation), finished, key };
  }

  /**
   * Writes the chosen solution as the run's output: its tokens with their statistics from one policy
   * pass over the path (the continuations keep only log-probabilities), then end-of-turn if it ended so.
   */
  async writeOutput(state: SolutionState): Promise<void> {
    const ctx = this.ctx;
    if (state.tokens.length === 0 && !state.eos) return;
    const track = new Track(this.policy, (t) => ctx.prefill('policy', t));
    const rows = await track.extend(ctx.promptIds, state.tokens);
    for (let i = 0; i < state.tokens.length; i++) {
      if (ctx.sink.push(state.tokens[i]!, ctx.stats('policy', rows[i]!, state.tokens[i]!), 'target')) return;
    }
    if (state.eos) {
      const eos = [...this.policy.tokenizer.eosIds][0]!;
      ctx.sink.push(eos, ctx.stats('policy', rows[rows.length - 1]!, eos), 'target');
    } else if (state.steps.some((s) => s.includes(this.policy.manifest.answerPrefix))) {
      ctx.sink.stop('answer');
    }
  }
}

/** A trace node from a search node's fields. */
export function traceNode(n: { id: number; parent: number; depth: number; text: string; tokens: number; stepScore: number; reward: number; finished: boolean }, extra: Partial<SearchNode> = {}): SearchNode {
  return { id: n.id, parent: n.parent, depth: n.depth, text: n.text, tokens: n.tokens, stepScore: n.stepScore, reward: n.reward, finished: n.finished, ...extra };
}
