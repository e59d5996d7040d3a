// The process reward model on the embedded judge (the base model): per-step rewards in [0, 1] that
// equal the SpecReason judge's digits mapped by (d + 0.5) / 10, correct steps far above corrupted
// ones, one cached conversation (later steps compute only their new text), cancellation, and the
// step splitter that follows SpecReason's step rule.
import { describe, expect, it } from 'vitest';
import { Rng, generateSuite, generators } from '@app/tasks';
import { EMBEDDED_MODELS } from '../../in-process';
import { LoadedModel } from '../../runtime/loaded-model';
import { prefill } from '../../runtime/prefill';
import { StepJudge } from '../reasoning/judge';
import { Track } from '../reasoning/track';
import { judgedReasoning, rewardOfDigit, scoreSteps, splitSteps } from './process-reward';

const suite = generateSuite({ families: ['arithmetic', 'variables'], difficulties: [4], countPerCell: 2, seed: 8, split: 'test' });
const never = { cancelled: false };

describe('process reward (judge as PRM)', () => {
  it('maps digits 0-9 into (0, 1) and splits text by the step rule', () => {
    expect(rewardOfDigit(0)).toBeCloseTo(0.05, 12);
    expect(rewardOfDigit(9)).toBeCloseTo(0.95, 12);
    expect(rewardOfDigit(4.5)).toBeCloseTo(0.5, 12);
    const b = { delimiter: '\n', thinkEnd: '</think>' };
    expect(splitSteps('<think>a = 2\nb = a + 1 = 3\n</think>\nAnswer: 3', b)).toEqual(['<think>a = 2', 'b = a + 1 = 3', '</think>\nAnswer: 3']);
    expect(splitSteps('x\n\ny', b)).toEqual(['x', 'y']);
    expect(judgedReasoning(['a', 'b', 'c'], 1, '\n', 'strip')).toBe('a\nb');
    expect(judgedReasoning(['a', 'b', 'c'], 1, '\n', 'keep')).toBe('a\nb\n');
  });

  it('scores each step as the judge does, correct steps far above corrupted ones, over one cached conversation', async () => {
    const base = await LoadedModel.load(EMBEDDED_MODELS.base!, 'cpu', 'base');
    const rng = new Rng(3);
    const good: number[] = [];
    const bad: number[] = [];
    for (const p of suite) {
      const steps = ['<think>' + p.steps[0]!, ...p.steps.slice(1)];
      const track = new Track(base, (t) => prefill(base, t, null));
      const scores = await scoreSteps(base, p.question, steps, { signal: never, track });
      expect(scores).toHaveLength(steps.length);
      expect(scores.every((s) => s > 0 && s < 1)).toBe(true);
      // Scoring step by step over one track computes far fewer positions than fresh conversations.
      const judge = new StepJudge(base, new Track(base), { messages: [{ role: 'user', content: p.question }], assistantPrefix: '' });
      const fresh = steps.reduce((n, _s, i) => n + judge.tokens(judgedReasoning(steps, i, '\n', 'strip')).length, 0);
      expect(track.stats.computed).toBeLessThan(fresh * 0.75);
      // Each reward is the stand-alone judge's expected digit mapped into [0, 1].
      const last = await new StepJudge(base, new Track(base, (t) => prefill(base, t, null)), { messages: [{ role: 'user', content: p.question }], assistantPrefix: '' }).score(steps.join('\n'), 'average');
      expect(scores.at(-1)!).toBeCloseTo(rewardOfDigit(last!.score), 4);
      good.push(...scores);
      const i = p.steps.length - 1;
      const corrupted = [...steps.slice(0, i), generators[p.family].corruptStep(p, i, rng)];
      bad.push((await scoreSteps(base, p.question, corrupted, { signal: never })).at(-1)!);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(good)).toBeGreaterThan(0.7);
    expect(mean(bad)).toBeLessThan(0.3);
  });

  it('stops scoring once cancelled', async () => {
    const base = await LoadedModel.load(EMBEDDED_MODELS.base!, 'cpu', 'base');
    const p = suite[0]!;
    const signal = { cancelled: false };
    let calls = 0;
    const track = new Track(base, (t) => {
      if (++calls >= 1) signal.cancelled = true;
      return prefill(base, t, null);
    });
    const scores = await scoreSteps(base, p.question, p.steps, { signal, track });
    expect(scores).toHaveLength(1);
  });
});
