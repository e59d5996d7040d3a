import { describe, expect, it } from 'vitest';
import { ChatMessage } from '../runs';
import { taskFamilies } from '../datasets';
import { JUDGE_INSTRUCTION, JUDGE_PREFILL, judgeExamples, judgeMessages } from './judge';
import { Rng } from './random';
import { generators } from './suite';

describe('judgeMessages', () => {
  it('asks about the last step in four messages, the reasoning opened but not closed', () => {
    const messages = judgeMessages('Q?', ['12 + 5 = 17'], '17 - 3 = 15');
    expect(messages).toEqual([
      { role: 'user', content: 'Q?' },
      { role: 'assistant', content: '<think>12 + 5 = 17\n17 - 3 = 15' },
      { role: 'user', content: JUDGE_INSTRUCTION },
      { role: 'assistant', content: 'I think the quality score is: ' },
    ]);
    expect(messages.every((m) => ChatMessage.safeParse(m).success)).toBe(true);
    expect(judgeMessages('Q?', [], 'first')[1].content).toBe('<think>first');
    expect(JUDGE_PREFILL.endsWith(': ')).toBe(true);
  });
});

describe('judgeExamples', () => {
  it.each(taskFamilies)('labels correct and corrupted %s steps with scores in their ranges', (family) => {
    const rng = new Rng(5);
    const correctScores = new Set<number>();
    const wrongScores = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const p = generators[family].generate(rng, 1 + (i % 6));
      const examples = judgeExamples(p, rng);
      expect(examples).toHaveLength(2 * p.steps.length);
      examples.forEach((e, k) => {
        const index = Math.floor(k / 2);
        expect(e.problemId).toBe(p.id);
        expect(e.question).toBe(p.question);
        expect(e.stepsSoFar).toEqual(p.steps.slice(0, index));
        expect(e.correct).toBe(k % 2 === 0);
        if (e.correct) {
          expect(e.step).toBe(p.steps[index]);
          correctScores.add(e.score);
        } else {
          expect(e.step).not.toBe(p.steps[index]);
          wrongScores.add(e.score);
        }
      });
    }
    expect(correctScores).toEqual(new Set([8, 9]));
    expect(wrongScores).toEqual(new Set([0, 1, 2]));
  });

  it('draws scores with the intended frequencies', () => {
    const rng = new Rng(6);
    const counts = new Map<number, number>();
    let correct = 0;
    let wrong = 0;
    for (let i = 0; i < 2000; i++) {
      for (const e of judgeExamples(generators.arithmetic.generate(rng, 3), rng)) {
        counts.set(e.score, (counts.get(e.score) ?? 0) + 1);
        if (e.correct) correct++;
        else wrong++;
      }
    }
    const share = (score: number, total: number) => (counts.get(score) ?? 0) / total;
    expect(share(9, correct)).toBeCloseTo(0.7, 1);
    expect(share(0, wrong)).toBeCloseTo(0.5, 1);
    expect(share(1, wrong)).toBeCloseTo(0.3, 1);
    expect(share(2, wrong)).toBeCloseTo(0.2, 1);
  });
});
