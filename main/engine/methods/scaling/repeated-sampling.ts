// Repeated sampling (Brown et al. 2024): k samples of the prompt through ctx.sampleMany (the prompt's
// KV shared; sample i seeded (seed + i * 65536) mod 2^31, so it equals that seed's autoregressive run),
// each sample's answer extracted as the graders do (graded too when the host passed the item's gold
// answer), each scored by the chosen verifier in [0, 1] (the judge as an outcome reward model, as a
// process reward model aggregated over steps, or exp of the mean token log-probability; the closing
// step inherits the last reasoning step's score unless judgeClosingStep), and one
// selected by majority vote, verifier score or the oracle grader. The selected sample's tokens become
// the run's output; one `sample` event per sample records them all.
import type { SampleEvent } from '@app/events';
import { WorkbenchError } from '@app/errors';
import { majorityWinner } from '@app/analysis/majority-vote';
import { aggregateStepScores } from '@app/analysis/prm-aggregate';
import type { MethodConfigOf } from '@app/methods';
import { sampleSeed } from '@app/methods';
import type { HostSetup } from '@app/runs';
import { extractAnswer, gradeOutput } from '@app/tasks';
import { logitsRow } from '../../runtime/loaded-model';
import type { LoadedModel } from '../../runtime/loaded-model';
import type { Continuation } from '../continuation';
import type { MethodImplementation } from '../context';
import { digitTokenIds, judgeBaseOf } from '../reasoning/judge';
import { Track } from '../reasoning/track';
import { scoreSteps, splitSteps } from './process-reward';

type Config = MethodConfigOf<'repeated_sampling'>;

/** A sample after extraction, grading and scoring (a `sample` event without kind and selected). */
export type ScoredSample = Omit<SampleEvent, 'kind' | 'selected'>;

/** Why oracle selection cannot run without a gold answer. */
export const ORACLE_NEEDS_ANSWER = "oracle selection needs the item's gold answer: run repeated sampling on a dataset item (an experiment) or a Playground example problem, or choose majority or verifier selection for a free prompt";

/**
 * The selected sample's index. majority: the plurality answer (majority-vote.ts: ties to the answer
 * whose first sample comes first), the first sample when none has an answer; verifier: the highest
 * score, ties to the lowest index; oracle: the first sample graded correct, the first sample when none is.
 */
export function selectSample(samples: readonly Pick<ScoredSample, 'index' | 'answer' | 'correct' | 'score'>[], selection: Config['params']['selection']): number {
  if (samples.length === 0) throw new Error('no sample to select from');
  switch (selection) {
    case 'majority':
      return majorityWinner(samples.map((s) => ({ sample: s.index, answer: s.answer, correct: s.correct })))?.sample ?? samples[0]!.index;
    case 'verifier': {
      let best = samples[0]!;
      for (const s of samples) if (s.score > best.score || (s.score === best.score && s.index < best.index)) best = s;
      return best.index;
    }
    case 'oracle':
      return (samples.find((s) => s.correct === true) ?? samples[0]!).index;
  }
}

/** The answer and correctness of a sample's text: graded against the reference when there is one. */
export function answerOf(text: string, reference: HostSetup['reference']): { answer: string | null; correct: boolean | null } {
  if (!reference) return { answer: extractAnswer(text, 'exact'), correct: null };
  return gradeOutput(text, reference.answer, reference.grading);
}

function checkRepeatedSampling(config: Config, models: Record<string, LoadedModel>): void {
  if (config.params.verifier === 'mean_logprob') return;
  const judge = models.judge!;
  if (!judge.tokenizer.hasChatTemplate) throw new WorkbenchError('method_unsupported', `the ${config.params.verifier} verifier asks the judge model ${judge.info.name} through a chat template, and it has none`);
  digitTokenIds(judge.tokenizer, judge.info.name);
}

/** The repeated_sampling method. */
export const repeatedSampling: MethodImplementation<Config> = {
  check: checkRepeatedSampling,

  async run(ctx) {
    const p = ctx.config.params;
    const reference = ctx.setup?.reference;
    if (p.selection === 'oracle' && !reference) throw new WorkbenchError('method_unsupported', ORACLE_NEEDS_ANSWER);
    const model = ctx.models.model!;
    const tk = model.tokenizer;
    const judgeBase = p.verifier === 'mean_logprob' ? null : judgeBaseOf(ctx.prompt);

    // The prompt once through the pooled prefill (its event and timing); the samples reuse it.
    const { cache: promptCache, logits: promptLogits } = await ctx.prefill('model', ctx.promptIds);
    const stops = ctx.sampling.stop;
    const stopAfter = stops.length > 0 ? (ids: readonly number[]) => stops.some((s) => tk.decode(ids).endsWith(s)) : undefined;
    const specs = Array.from({ length: p.k }, (_, i) => ({ prefix: [], seed: sampleSeed(ctx.sampling.seed, i), maxNewTokens: ctx.sampling.maxNewTokens, stopAfter }));
    const drawn: Continuation[] = await ctx.sampleMany('model', specs);

    let judgeMs = 0;
    const judge = ctx.models.judge!;
    const boundary = { delimiter: judge.manifest.stepDelimiter, thinkEnd: judge.manifest.specialTokens.thinkEnd ?? null };
    let overflowNoted = false;
    const onOverflow = () => {
      if (overflowNoted) return;
      overflowNoted = true;
      ctx.emit({ kind: 'note', level: 'warn', message: `a judge conversation does not fit ${judge.info.name}'s context (${judge.contextLength} tokens): such steps keep the previous step's score` });
    };
    const scored: ScoredSample[] = [];
    for (let i = 0; i < drawn.length; i++) {
      if (ctx.signal.cancelled) break;
      const c = drawn[i]!;
      const text = tk.decode(c.tokens.filter((id) => !tk.eosIds.has(id)));
      const meanLogprob = c.logprobs.length > 0 ? c.logprobs.reduce((a, b) => a + b, 0) / c.logprobs.length : 0;
      let score = Math.exp(meanLogprob);
      let stepScores: number[] | undefined;
      if (judgeBase) {
        const t0 = performance.now();
        const track = new Track(judge, (t) => ctx.prefill('judge', t));
        const all = splitSteps(text, boundary);
        // The closing step inherits the last reasoning step's score unless judgeClosingStep.
        const inherit = !p.judgeClosingStep && all.length > 1 && boundary.thinkEnd !== null && all[all.length - 1]!.trimStart().startsWith(boundary.thinkEnd);
        const judged = inherit ? all.slice(0, -1) : all;
        const steps = p.verifier === 'judge_orm' ? [judged.join(boundary.delimiter).trimEnd()] : judged;
        const scores = await scoreSteps(judge, '', steps, { signal: ctx.signal, track, base: judgeBase, onOverflow });
        if (inherit && p.verifier === 'judge_prm' && scores.length > 0) scores.push(scores[scores.length - 1]!);
        judgeMs += performance.now() - t0;
        if (p.verifier === 'judge_prm') stepScores = scores;
        score = aggregateStepScores(scores, p.verifier === 'judge_prm' ? p.prmAggregation : 'last');
      }
      scored.push({ index: i, seed: specs[i]!.seed, text, tokens: c.tokens.length, stopReason: c.stopReason, ...answerOf(text, reference), score, ...(stepScores ? { stepScores } : {}), meanLogprob });
    }
    if (scored.length === 0) return { samples: 0, sampleTokens: 0, judgeMs };

    const chosen = selectSample(scored, p.selection);
    for (const s of scored) ctx.emit({ kind: 'sample', ...s, selected: s.index === chosen });

    // The output: the chosen sample's tokens, with their statistics (entropy, alternatives) from one
    // more pass over them after the prompt: positions counted like any other.
    const ids = drawn[chosen]!.tokens;
    if (ids.length > 0 && !ctx.signal.cancelled) {
      const cache = promptCache; // the pool holds its own copy: this one is the method's to extend
      const head = ids.slice(0, -1);
      const rows: Float32Array[] = [promptLogits];
      if (head.length > 0) {
        const r = await model.forward(cache, head);
        for (let j = 0; j < head.length; j++) rows.push(logitsRow(r, j));
      }
      for (let j = 0; j < ids.length; j++) if (ctx.sink.push(ids[j]!, ctx.stats('model', rows[j]!, ids[j]!), 'target')) break;
    }
    const end = drawn[chosen]!.stopReason;
    if (end === 'eos' && !ctx.sampling.ignoreEos) ctx.sink.stop('eos');
    else if (end === 'stop') ctx.sink.stop('stop_string');
    return {
      samples: scored.length,
      sampleTokens: drawn.reduce((n, c) => n + c.tokens.length, 0),
      selectedSample: chosen,
      selectedAnswer: scored.find((s) => s.index === chosen)!.answer,
      ...(judgeBase ? { judgeMs } : {}),
    };
  },
};

