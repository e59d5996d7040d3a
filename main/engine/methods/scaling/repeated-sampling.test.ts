// Repeated sampling on the embedded models (the draft samples: at temperature 1 on difficulty-8
// problems its samples differ; the base model judges): sample i is the autoregressive run of seed
// sampleSeed(seed, i), token for token; the output is the selected sample; majority vote picks the
// modal answer, verifier selection the highest score, the oracle a correct sample (and is refused
// without a gold answer); and the selection rules on planted samples, ties included.
import { describe, expect, it } from 'vitest';
import type { SampleEvent } from '@app/events';
import { sampleSeed } from '@app/methods';
import { generateSuite, gradingSpecFor } from '@app/tasks';
import type { TraceEvent } from '@app/events';
import { RunRequest } from '@app/runs';
import { Engine } from '../../engine';
import { CollectingEngine, EMBEDDED_MODELS } from '../../in-process';
import { ModelLoader } from '../../model-loader';
import type { EngineMessage } from '../../protocol';
import { ORACLE_NEEDS_ANSWER, selectSample } from './repeated-sampling';

const problems = generateSuite({ families: ['arithmetic', 'variables'], difficulties: [8], countPerCell: 1, seed: 11, split: 'test' });
const engine = new CollectingEngine();
const sampling = { temperature: 1, seed: 7, maxNewTokens: 96 };
const samplesOf = (events: { kind: string }[]) => events.filter((e): e is SampleEvent => e.kind === 'sample');
const referenceOf = (p: (typeof problems)[number]) => ({ reference: { answer: p.answer, grading: gradingSpecFor(p.answerKind) } });
const repeated = (text: string, params: Record<string, unknown>, setup = {}) =>
  engine.run({ prompt: { kind: 'text', text }, config: { method: 'repeated_sampling', models: { model: { model: 'draft' }, judge: { model: 'base' } }, params, sampling } }, undefined, setup);

describe('selectSample', () => {
  const s = (index: number, answer: string | null, score: number, correct: boolean | null = null) => ({ index, answer, score, correct });

  it('majority: the modal answer; a tie goes to the answer whose first sample comes first; no answer at all: sample 0', () => {
    expect(selectSample([s(0, '3', 0), s(1, '5', 0), s(2, '5', 0), s(3, '3 ', 0), s(4, '5', 0)], 'majority')).toBe(1);
    expect(selectSample([s(0, '7', 0), s(1, '5', 0), s(2, '5', 0), s(3, '7', 0)], 'majority')).toBe(0);
    expect(selectSample([s(0, null, 0), s(1, '9', 0)], 'majority')).toBe(1);
    expect(selectSample([s(0, null, 0), s(1, null, 0)], 'majority')).toBe(0);
  });

  it('verifier: the highest score, ties to the lowest index', () => {
    expect(selectSample([s(0, 'a', 0.2), s(1, 'b', 0.9), s(2, 'c', 0.4)], 'verifier')).toBe(1);
    expect(selectSample([s(0, 'a', 0.2), s(1, 'b', 0.9), s(2, 'c', 0.9)], 'verifier')).toBe(1);
  });

  it('oracle: the first correct sample, sample 0 when none is', () => {
    expect(selectSample([s(0, '1', 0, false), s(1, '2', 0, true), s(2, '2', 0, true)], 'oracle')).toBe(1);
    expect(selectSample([s(0, '1', 0, false), s(1, '3', 0, false)], 'oracle')).toBe(0);
  });
});

describe('repeated sampling on the embedded models', () => {
  it('draws k samples equal to the k single runs of the derived seeds, and outputs the selected one', async () => {
    const p = problems[0]!;
    const run = await repeated(p.question, { k: 4, selection: 'majority' });
    expect(run.finished.status).toBe('completed');
    const samples = samplesOf(run.events);
    expect(samples.map((x) => x.index)).toEqual([0, 1, 2, 3]);
    for (const x of samples) {
      expect(x.seed).toBe(sampleSeed(7, x.index));
      const alone = await engine.run({ prompt: { kind: 'text', text: p.question }, config: { method: 'autoregressive', models: { model: { model: 'draft' } }, sampling: { ...sampling, seed: x.seed } } });
      expect(x.text).toBe(alone.finished.output);
      expect(x.tokens).toBe(alone.ids.length);
      expect(x.score).toBeCloseTo(Math.exp(x.meanLogprob), 12);
      expect(x.meanLogprob).toBeCloseTo(alone.tokens.reduce((a, t) => a + t.logprob, 0) / alone.tokens.length, 3);
    }
    // The samples differ (temperature 1), or the test would prove nothing about seeds.
    expect(new Set(samples.map((x) => x.text)).size).toBeGreaterThan(1);
    const selected = samples.filter((x) => x.selected);
    expect(selected).toHaveLength(1);
    expect(run.finished.output).toBe(selected[0]!.text);
    const m = run.finished.metrics!;
    expect(m).toMatchObject({ samples: 4, sampleTokens: samples.reduce((n, x) => n + x.tokens, 0), selectedSample: selected[0]!.index, selectedAnswer: selected[0]!.answer });
    // Every sample's positions are counted: far more than one sample's.
    expect(m.positionsByModel!.model!).toBeGreaterThan(m.sampleTokens! + m.promptTokens);
    // Majority: the selected answer is a modal one.
    const counts = new Map<string, number>();
    for (const x of samples) if (x.answer) counts.set(x.answer.trim().toLowerCase(), (counts.get(x.answer.trim().toLowerCase()) ?? 0) + 1);
    if (counts.size > 0) expect(counts.get(selected[0]!.answer!.trim().toLowerCase())).toBe(Math.max(...counts.values()));
  });

  it('verifier selection keeps the highest judge score (PRM, per step) and grades every sample against the gold answer', async () => {
    const p = problems[1]!;
    const run = await repeated(p.question, { k: 4, selection: 'verifier', verifier: 'judge_prm', prmAggregation: 'min' }, referenceOf(p));
    const samples = samplesOf(run.events);
    expect(samples).toHaveLength(4);
    for (const x of samples) {
      expect(x.stepScores!.length).toBeGreaterThan(0);
      expect(x.score).toBe(Math.min(...x.stepScores!));
      expect(x.correct).not.toBeNull();
    }
    const best = Math.max(...samples.map((x) => x.score));
    const selected = samples.find((x) => x.selected)!;
    expect(selected.score).toBe(best);
    expect(selected.index).toBe(samples.find((x) => x.score === best)!.index);
    expect(run.finished.metrics!.positionsByModel!.judge!).toBeGreaterThan(0);
    expect(run.finished.metrics!.judgeMs!).toBeGreaterThan(0);
    // The closing step (</think> + answer) inherits the last reasoning step's score...
    const closed = samples.filter((x) => x.text.includes('</think>') && x.stepScores!.length > 1);
    expect(closed.length).toBeGreaterThan(0);
    for (const x of closed) expect(x.stepScores!.at(-1)).toBe(x.stepScores!.at(-2));
    // ...unless judged, where the embedded judge (never trained on closing steps) scores it low.
    const judged = samplesOf((await repeated(p.question, { k: 4, selection: 'verifier', verifier: 'judge_prm', judgeClosingStep: true }, referenceOf(p))).events);
    const lows = judged.filter((x) => x.text.includes('</think>')).map((x) => x.stepScores!.at(-1)!);
    expect(lows.length).toBeGreaterThan(0);
    expect(Math.max(...lows)).toBeLessThan(Math.min(...closed.map((x) => x.stepScores!.at(-2)!)));
  });

  it('oracle selection picks a correct sample when one exists, and is refused without a gold answer', async () => {
    // This problem's first draft sample is wrong and later ones are right (seed 7, temperature 1).
    const p = generateSuite({ families: ['arithmetic'], difficulties: [6], countPerCell: 3, seed: 11, split: 'test' })[2]!;
    const run = await repeated(p.question, { k: 4, selection: 'oracle', verifier: 'judge_orm' }, referenceOf(p));
    const samples = samplesOf(run.events);
    expect(samples[0]!.correct).toBe(false);
    const selected = samples.find((x) => x.selected)!;
    expect(selected.index).toBe(samples.find((x) => x.correct)!.index);
    expect(selected.correct).toBe(true);
    expect(samples.every((x) => x.stepScores === undefined && x.score > 0 && x.score < 1)).toBe(true);
    const refused = await repeated(p.question, { k: 2, selection: 'oracle' });
    expect(refused.finished.status).toBe('failed');
    expect(refused.finished.error).toMatchObject({ code: 'method_unsupported', message: ORACLE_NEEDS_ANSWER });
  });

  it('stops on cancel while the judge scores: the run ends cancelled with the samples scored so far and no output', async () => {
    const messages: EngineMessage[] = [];
    let engine: Engine | null = null;
    engine = new Engine(new ModelLoader(), (m) => {
      messages.push(m);
      // Cancel at the judge's first prefill: every sample is drawn, the first one is being scored.
      if (m.type === 'run.event' && m.event.kind === 'prefill' && m.event.role === 'judge') engine!.cancel('cancel-1');
    });
    const request = RunRequest.parse({ prompt: { kind: 'text', text: problems[0]!.question }, config: { method: 'repeated_sampling', models: { model: { model: 'draft' }, judge: { model: 'base' } }, params: { k: 4, verifier: 'judge_prm' }, sampling } });
    const outcome = await engine.run('cancel-1', request, EMBEDDED_MODELS);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.output).toBe('');
    const events = messages.flatMap((m) => (m.type === 'run.event' ? [m.event] : [])) as TraceEvent[];
    expect(samplesOf(events).length).toBeLessThan(4);
    expect(events.some((e) => e.kind === 'token')).toBe(false);
  });
});
