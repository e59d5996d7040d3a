// SpecReason on the embedded models. Steps are kept as token ids and every writer continues exactly
// the tokens it would in plain decoding, so step-wise greedy generation IS plain greedy generation:
// with every step accepted (threshold 0) the output is the small model's greedy output token for
// token, with none accepted (threshold 10 > any digit) the large model's, +Decode included (chain
// speculative decoding is lossless). That holds while no SpecReason-only stop rule fires first (the
// repetition guard, a token budget below the run's limit), so those are off here. The judge path
// (4-message prompt, continueFinalMessage, one digit, cached conversation) is checked end to end on
// correct and corrupted steps of real suite problems.
import { describe, expect, it } from 'vitest';
import type { StepEvent } from '@app/events';
import { Rng, generateSuite, generators, judgeMessages } from '@app/tasks';
import { KvCache } from '../../runtime/kv-cache';
import { LoadedModel, logitsRow } from '../../runtime/loaded-model';
import { CollectingEngine, EMBEDDED_MODELS } from '../../in-process';
import { StepJudge, judgeConversation, judgeTextOf, scoreFromLogits } from './judge';
import { stepEnded } from './step-decoder';
import { Track } from './track';

const problems = generateSuite({ families: ['arithmetic', 'variables'], difficulties: [4], countPerCell: 2, seed: 5, split: 'test' }).slice(1, 3);
const engine = new CollectingEngine();
const specreason = (text: string, { sampling, ...params }: Record<string, unknown>) =>
  engine.run({ prompt: { kind: 'text', text }, config: { method: 'specreason', models: { small: { model: 'draft' }, large: { model: 'base' } }, params: { repetitionGuard: false, closingStep: 'judge', ...params }, sampling } });
const alone = (text: string, model: string) => engine.run({ prompt: { kind: 'text', text }, config: { method: 'autoregressive', models: { model: { model } } } });
const stepsOf = (events: { kind: string }[]) => events.filter((e): e is StepEvent => e.kind === 'step');

describe('SpecReason', () => {
  it('ends a step at the delimiter, except that the closing think marker runs on over the answer line', () => {
    const b = { eosIds: new Set([1]), delimiter: '\n', thinkEnd: '</think>' };
    expect(stepEnded('12 + 5 = 17\n', 17, b)).toBe(true);
    expect(stepEnded('12 + 5 = 17', 56, b)).toBe(false);
    expect(stepEnded('</think>\n', 17, b)).toBe(false);
    expect(stepEnded('</think>\nAnswer: 14', 1, b)).toBe(true);
  });

  it('closingStep: the closing step skips the judge and goes to the chosen writer', async () => {
    const question = problems[0]!.question;
    const large = await specreason(question, { threshold: 10, closingStep: 'large' });
    const lastLarge = stepsOf(large.events).at(-1)!;
    expect(lastLarge.finalText.trimStart().startsWith('</think>')).toBe(true);
    expect(lastLarge).toMatchObject({ author: 'large', accepted: false });
    expect(lastLarge.score).toBeUndefined();
    expect(stepsOf(large.events).slice(0, -1).every((s) => s.score !== undefined)).toBe(true);
    const small = await specreason(question, { threshold: 10, closingStep: 'small' });
    const lastSmall = stepsOf(small.events).at(-1)!;
    expect(lastSmall).toMatchObject({ author: 'small', accepted: true });
    expect(lastSmall.score).toBeUndefined();
    expect(small.finished.output).toContain('Answer:');
  });

  it('scores greedy as the argmax digit and average as the expected digit over the top-10 digits', () => {
    const digitIds = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
    const logits = new Float32Array(30).fill(-50);
    logits[19] = Math.log(0.6); // 9
    logits[17] = Math.log(0.3); // 7
    logits[3] = Math.log(0.1); // not a digit
    const greedy = scoreFromLogits(logits, digitIds, 'greedy');
    expect(greedy.score).toBe(9);
    expect(greedy.distribution[9]).toBeCloseTo(2 / 3, 5);
    expect(scoreFromLogits(logits, digitIds, 'average').score).toBeCloseTo((9 * 0.6 + 7 * 0.3) / 0.9, 5);
    logits[3] = 10;
    expect(scoreFromLogits(logits, digitIds, 'greedy').score).toBe(0);
  });

  it.each(problems.map((p) => [p.id, p.question]))('threshold 0 writes the small model greedy output and threshold 10 the large one, token for token (%s)', async (_id, question) => {
    const small = await alone(question, 'draft');
    const large = await alone(question, 'base');
    const all = await specreason(question, { threshold: 0 });
    expect(all.ids).toEqual(small.ids);
    expect(all.tokens.every((t) => t.source === 'small')).toBe(true);
    const allSteps = stepsOf(all.events);
    expect(allSteps.length).toBeGreaterThanOrEqual(3);
    expect(allSteps.every((s) => s.accepted && s.author === 'small' && s.score !== undefined && s.scoreDistribution?.length === 10)).toBe(true);
    expect(allSteps.map((s) => s.finalText).join('')).toBe(all.finished.output);
    expect(all.finished.metrics).toMatchObject({ steps: allSteps.length, stepsAccepted: allSteps.length, largeShare: 0 });
    // Every judge pass computes the new step and the judge's tail (instruction + prefill), not one
    // position: the large model's positions exceed steps x the tail, and the cost counts them.
    const judgeTail = 20;
    const m = all.finished.metrics!;
    expect(m.positionsByModel!.large!).toBeGreaterThan(allSteps.length * judgeTail);
    expect(m.positionsByModel!.small).toBeGreaterThanOrEqual(m.promptTokens + m.newTokens - 1);
    expect(m.paramWeightedCost!).toBeGreaterThan((allSteps.length * judgeTail) / (m.promptTokens + m.newTokens));

    const none = await specreason(question, { threshold: 10 });
    expect(none.ids).toEqual(large.ids);
    expect(none.tokens.every((t) => t.source === 'large')).toBe(true);
    expect(stepsOf(none.events).every((s) => !s.accepted && s.largeText === s.finalText)).toBe(true);
    expect(none.finished.metrics).toMatchObject({ stepsAccepted: 0, largeShare: 1 });

    const decode = await specreason(question, { threshold: 10, largeUsesSpeculation: true, gamma: 4 });
    expect(decode.ids).toEqual(large.ids);
    expect(decode.finished.metrics?.acceptedTokens).toBeGreaterThan(0);
  });

  it('forces the first n steps to the large model', async () => {
    const run = await specreason(problems[0]!.question, { threshold: 0, firstNLarge: 2 });
    const steps = stepsOf(run.events);
    expect(steps.slice(0, 2).every((s) => s.forced && s.author === 'large' && s.score === undefined)).toBe(true);
    expect(steps.slice(2).every((s) => !s.forced && s.author === 'small')).toBe(true);
  });

  it('builds the judge prompt the base model was trained on and scores correct steps far above corrupted ones', async () => {
    const base = await LoadedModel.load(EMBEDDED_MODELS.base!, 'cpu', 'base');
    const judgeBase = { messages: [], assistantPrefix: '' };
    const rng = new Rng(9);
    const correct: number[] = [];
    const corrupted: number[] = [];
    const suite = generateSuite({ families: ['arithmetic', 'variables'], difficulties: [4], countPerCell: 2, seed: 8, split: 'test' });
    for (const p of suite) {
      // One cached judge conversation per problem, as in a run: each score reuses the previous prefix.
      const track = new Track(base, async (t) => {
        const cache = new KvCache(base.kvLayout);
        const r = await base.forward(cache, t);
        cache.commit(r.present, t);
        return { cache, logits: logitsRow(r, t.length - 1), reused: 0, computed: t.length, ms: 0 };
      });
      const judge = new StepJudge(base, track, { ...judgeBase, messages: [{ role: 'user', content: p.question }] });
      for (let i = 0; i < p.steps.length; i++) {
        const before = '<think>' + p.steps.slice(0, i).map((s) => s + '\n').join('');
        const bad = generators[p.family].corruptStep(p, i, rng);
        expect(judgeConversation({ messages: [{ role: 'user', content: p.question }], assistantPrefix: '' }, judgeTextOf(base), before + bad)).toEqual(
          judgeMessages(p.question, p.steps.slice(0, i), bad),
        );
        corrupted.push((await judge.score(before + bad, 'greedy'))!.score);
        const good = (await judge.score(before + p.steps[i], 'greedy'))!;
        correct.push(good.score);
        if (i > 0) expect(good.computed).toBeLessThan(judge.tokens(before + p.steps[i]).length / 2);
      }
      // The cached conversation's logits equal a fresh prefill of the same tokens.
      const ids = judge.tokens('<think>' + p.steps.join('\n'));
      const cached = await track.logitsAfter(ids);
      const fresh = await base.forward(new KvCache(base.kvLayout), ids);
      const want = logitsRow(fresh, ids.length - 1);
      let maxDiff = 0;
      for (let v = 0; v < want.length; v++) maxDiff = Math.max(maxDiff, Math.abs(want[v]! - cached[v]!));
      expect(maxDiff).toBeLessThan(1e-4);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(correct)).toBeGreaterThan(7);
    expect(mean(corrupted)).toBeLessThan(2);
    // A conversation past the context is not scored (the large model then writes the step).
    const long = new StepJudge(base, new Track(base), { messages: [{ role: 'user', content: 'a = 1. '.repeat(200) }], assistantPrefix: '' });
    expect(await long.score('<think>b = 1 + 1 = 2', 'greedy')).toBeNull();
  });

  it('refuses raw prompts: the judge conversation needs messages', async () => {
    const run = await engine.run({ prompt: { kind: 'raw', text: '<|user|>a = 1. What is a?<|end|><|assistant|>' }, config: { method: 'specreason', models: { small: { model: 'draft' }, large: { model: 'base' } } } });
    expect(run.finished.status).toBe('failed');
    expect(run.finished.error?.code).toBe('method_unsupported');
  });
});
