// SpecReason (Pan et al. 2025, arXiv 2504.07891; the official spec_reason.py): step-level
// speculation. Per step the small model continues the assistant turn up to the step delimiter, the
// large model scores that step 0-9 with one token through the judge conversation, and the step is
// kept when the score reaches the threshold; otherwise the large model writes the step itself from
// the same prefix (optionally with chain speculative decoding, SpecReason+Decode). Steps are kept as
// token ids, so each writer continues exactly the tokens it would in plain decoding: with no step
// accepted the output is the large model's greedy output, with every step accepted the small one's.
import { WorkbenchError } from '@app/errors';
import type { MethodConfigOf } from '@app/methods';
import type { LoadedModel } from '../../runtime/loaded-model';
import type { MethodContext, MethodImplementation } from '../context';
import { StepJudge, digitTokenIds, judgeBaseOf } from './judge';
import type { DecodedStep, StepBoundary, StepDecodeOptions } from './step-decoder';
import { decodeStep, decodeStepSpeculative } from './step-decoder';
import { Track } from './track';

type Config = MethodConfigOf<'specreason'>;

function checkSpecReason(config: Config, models: Record<string, LoadedModel>): void {
  const large = models.large!;
  if (!large.tokenizer.hasChatTemplate) {
    throw new WorkbenchError('method_unsupported', `SpecReason's judge needs a chat template, and ${large.info.name} has none`);
  }
  digitTokenIds(large.tokenizer, large.info.name);
  if (config.params.largeUsesSpeculation && models.small!.vocab !== large.vocab) {
    throw new WorkbenchError('method_unsupported', `SpecReason+Decode drafts with ${models.small!.info.name}, whose vocabulary differs from ${large.info.name}'s`);
  }
}

/** The text of generated ids without end-of-turn tokens (their text is not part of the reasoning). */
function textOf(ctx: MethodContext, ids: readonly number[]): string {
  const tk = ctx.models.small!.tokenizer;
  return tk.decode(ids.filter((id) => !tk.eosIds.has(id)));
}

function withoutDelimiter(text: string, delimiter: string): string {
  return text.endsWith(delimiter) ? text.slice(0, text.length - delimiter.length) : text;
}

/** The SpecReason method: small-model steps judged by the large model, rewritten by it when rejected. */
export const specreason: MethodImplementation<Config> = {
  check: checkSpecReason,

  async run(ctx) {
    const c = ctx.config;
    const small = ctx.models.small!;
    const large = ctx.models.large!;
    const manifest = large.manifest;
    const delimiter = manifest.stepDelimiter;
    const answerPrefix = manifest.answerPrefix;
    const boundary: StepBoundary = {
      eosIds: new Set([...small.tokenizer.eosIds, ...large.tokenizer.eosIds]),
      delimiter,
      thinkEnd: manifest.specialTokens.thinkEnd ?? null,
    };
    const smallWriter = new Track(small, (t) => ctx.prefill('small', t));
    const largeWriter = new Track(large, (t) => ctx.prefill('large', t));
    const judgeTrack = new Track(large, (t) => ctx.prefill('large', t));
    // The judge's conversation starts with the writer's tokens: each may resume from the other's cache.
    largeWriter.donors.push(judgeTrack);
    judgeTrack.donors.push(largeWriter);
    const judge = new StepJudge(large, judgeTrack, judgeBaseOf(ctx.prompt));

    const seq = ctx.promptIds.slice();
    const promptLength = seq.length;
    const finalSteps: string[] = [];
    let steps = 0;
    let accepted = 0;
    let judgeMs = 0;
    let largeFinal = 0;
    let rounds = 0;
    let draftTokens = 0;
    let acceptedTokens = 0;
    let generated = 0;
    let judgeOverflow = false;

    const writeLarge = async (o: StepDecodeOptions): Promise<DecodedStep> => {
      const step = c.params.largeUsesSpeculation ? await decodeStepSpeculative(largeWriter, smallWriter, seq, c.params.gamma, o) : await decodeStep(largeWriter, seq, o);
      rounds += step.rounds;
      draftTokens += step.draftTokens;
      acceptedTokens += step.acceptedTokens;
      return step;
    };

    while (!ctx.signal.cancelled && !ctx.sink.done) {
      const o: StepDecodeOptions = {
        cap: Math.min(c.params.stepTokenCap, ctx.sampling.maxNewTokens - ctx.sink.count),
        boundary,
        tokenizer: small.tokenizer,
        sampling: ctx.sampling,
        rng: ctx.rng,
      };
      const forced = steps < c.params.firstNLarge;
      let final: DecodedStep;
      let author: 'small' | 'large';
      let smallStep: DecodedStep | null = null;
      let largeStep: DecodedStep | null = null;
      let score: { score: number; distribution: number[]; ms: number } | null = null;
      if (forced) {
        largeStep = final = await writeLarge(o);
        author = 'large';
      } else {
        smallStep = await decodeStep(smallWriter, seq, o);
        const closing = boundary.thinkEnd !== null && textOf(ctx, smallStep.ids).trimStart().startsWith(boundary.thinkEnd);
        // Decoded as a whole so that the judge reads the text exactly as it is written.
        // The official code judges "steps joined by the delimiter + the delimiter": the step's own
        // trailing delimiter stays (judgeDelimiter 'strip' drops it).
        const written = textOf(ctx, [...seq.slice(promptLength), ...smallStep.ids]);
        const reasoning = c.params.judgeDelimiter === 'strip' ? withoutDelimiter(written, delimiter) : written;
        score = closing && c.params.closingStep !== 'judge' ? null : await judge.score(reasoning, c.params.scoreMethod);
        if (!score && !closing && !judgeOverflow) {
          judgeOverflow = true;
          ctx.emit({ kind: 'note', level: 'warn', message: `the judge conversation no longer fits ${large.info.name}'s context (${large.contextLength} tokens): the large model writes the remaining steps unjudged` });
        }
        judgeMs += score?.ms ?? 0;
        if ((score && score.score >= c.params.threshold) || (closing && c.params.closingStep === 'small')) {
          final = smallStep;
          author = 'small';
          accepted++;
        } else {
          if (ctx.signal.cancelled) break;
          largeStep = final = await writeLarge(o);
          author = 'large';
        }
      }
      const tokenIndex = ctx.sink.count;
      const before = ctx.sink.text.length;
      for (let i = 0; i < final.ids.length; i++) {
        if (ctx.sink.push(final.ids[i]!, ctx.stats(author, final.rows[i]!, final.ids[i]!), author)) break;
      }
      const pushed = ctx.sink.count - tokenIndex;
      generated += final.ids.length;
      if (author === 'large') largeFinal += pushed;
      const finalText = textOf(ctx, final.ids);
      ctx.emit({
        kind: 'step',
        index: steps,
        tokenIndex,
        author,
        ...(smallStep ? { smallText: textOf(ctx, smallStep.ids), smallTokens: smallStep.ids.length, smallMs: smallStep.ms } : { smallTokens: 0, smallMs: 0 }),
        ...(score ? { score: score.score, scoreDistribution: score.distribution, judgeMs: score.ms } : { judgeMs: 0 }),
        accepted: author === 'small',
        ...(largeStep ? { largeText: textOf(ctx, largeStep.ids), largeTokens: largeStep.ids.length, largeMs: largeStep.ms } : { largeTokens: 0, largeMs: 0 }),
        finalText: pushed < final.ids.length ? ctx.sink.text.slice(before) : finalText,
        forced,
      });
      steps++;
      seq.push(...final.ids);
      const body = withoutDelimiter(finalText, delimiter);
      finalSteps.push(body);
      if (ctx.sink.done) break;
      if (c.params.stopOnAnswer && body.includes(answerPrefix)) {
        ctx.sink.stop('answer');
        break;
      }
      if (c.params.repetitionGuard && finalSteps.length >= 2 && finalSteps[finalSteps.length - 1] === finalSteps[finalSteps.length - 2]) {
        ctx.sink.stop('repetition');
        break;
      }
      if (generated >= c.params.tokenBudget) {
        ctx.sink.stop('budget');
        break;
      }
    }

    const total = ctx.sink.count;
    return {
      steps,
      stepsAccepted: accepted,
      judgeMs,
      largeShare: total > 0 ? largeFinal / total : 0,
      targetForwardPasses: largeWriter.stats.passes + judgeTrack.stats.passes,
      draftForwardPasses: smallWriter.stats.passes,
      ...(c.params.largeUsesSpeculation ? { rounds, draftTokens, acceptedTokens, draftAcceptanceRate: draftTokens > 0 ? acceptedTokens / draftTokens : 0, meanAcceptanceLength: rounds > 0 ? 1 + acceptedTokens / rounds : 0 } : {}),
    };
  },
};
