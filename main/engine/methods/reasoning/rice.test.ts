// RICE on the embedded MoE model: beta = 1 is the identity in all three forms (token for token the
// unsteered model), a large beta moves routing toward the chosen experts, the host-side routing
// decode follows the graph's math, and experts come from the config, the host's calibration or the
// engine's latest calibration.
import { describe, expect, it } from 'vitest';
import type { RouteEvent, TokenEvent } from '@app/events';
import type { HostSetup } from '@app/runs';
import { generateSuite } from '@app/tasks';
import { CollectingEngine } from '../../in-process';
import { calibrationStateKey, thinkingTokenCount } from './rice';
import { decodeRouting, steeringFor } from './routing';

const problems = generateSuite({ families: ['arithmetic', 'variables'], difficulties: [3], countPerCell: 1, seed: 3, split: 'test' });
const engine = new CollectingEngine();
const chosen = [
  { layer: 1, expert: 3 },
  { layer: 4, expert: 6 },
];
const rice = (text: string, { sampling, ...params }: Record<string, unknown>, setup: HostSetup = {}) =>
  engine.run({ prompt: { kind: 'text', text }, config: { method: 'rice', models: { model: { model: 'moe' } }, params, sampling } }, undefined, setup);

/** Share of generated tokens whose routing at the chosen layer includes the chosen expert, averaged over the chosen pairs. */
function chosenFrequency(tokens: TokenEvent[]): number {
  let hits = 0;
  for (const t of tokens) for (const { layer, expert } of chosen) if (t.experts?.[layer]?.includes(expert)) hits++;
  return hits / (tokens.length * chosen.length);
}

describe('RICE', () => {
  it('decodes routing with the graph math: softmax, top-k, renormalised, then steering', () => {
    const shape = { layers: 1, experts: 4, topK: 2, normTopK: true };
    const raw = new Float32Array([2, 1, 0, -1]);
    const [plain] = decodeRouting(raw, 1, shape);
    expect(plain!.experts).toEqual([[0, 1]]);
    const e = [Math.exp(2), Math.exp(1)];
    expect(plain!.weights[0]![0]).toBeCloseTo(e[0]! / (e[0]! + e[1]!), 6);
    // log(beta) on expert 3's logit: 3 - ... wins once beta > e^3.
    const [logit] = decodeRouting(raw, 1, shape, steeringFor(shape, [{ layer: 0, expert: 3 }], Math.exp(4), 'logit'));
    expect(logit!.experts[0]).toEqual([3, 0]);
    const [gate] = decodeRouting(raw, 1, shape, steeringFor(shape, [{ layer: 0, expert: 1 }], 4, 'gate'));
    expect(gate!.experts[0]).toEqual([0, 1]);
    expect(gate!.weights[0]![1]).toBeCloseTo((4 * e[1]!) / (e[0]! + e[1]!), 6);
    const [renorm] = decodeRouting(raw, 1, shape, steeringFor(shape, [{ layer: 0, expert: 1 }], 4, 'gate_renorm'));
    expect(renorm!.weights[0]![0]! + renorm!.weights[0]![1]!).toBeCloseTo(1, 6);
    expect(renorm!.weights[0]![1]).toBeCloseTo((4 * e[1]!) / (e[0]! + 4 * e[1]!), 6);
    expect(() => steeringFor(shape, [{ layer: 1, expert: 0 }], 2, 'logit')).toThrow(/does not exist/);
  });

  it('counts the thinking tokens between the markers', () => {
    expect(thinkingTokenCount([5, 9, 9, 9, 6, 17, 1], 5, 6)).toBe(3);
    expect(thinkingTokenCount([5, 9, 9], 5, 6)).toBe(2);
    expect(thinkingTokenCount([9, 9], 5, 6)).toBe(0);
  });

  it.each(problems.map((p) => [p.id, p.question]))('beta = 1 is the unsteered model in every form (%s)', async (_id, question) => {
    const plain = await engine.run({ prompt: { kind: 'text', text: question }, config: { method: 'autoregressive', models: { model: { model: 'moe' } } } });
    for (const form of ['logit', 'gate', 'gate_renorm']) {
      const run = await rice(question, { experts: chosen, beta: 1, form });
      expect(run.ids).toEqual(plain.ids);
      expect(run.tokens.every((t) => t.experts?.length === 6 && t.experts.every((l) => l.length === 2))).toBe(true);
      const routes = run.events.filter((e): e is RouteEvent => e.kind === 'route');
      expect(routes[0]!.tokenIndex).toBe(-run.started!.promptTokens);
      const generated = routes.filter((r) => r.tokenIndex >= 0).reduce((n, r) => n + r.experts.length, 0);
      expect(generated).toBe(run.tokens.length);
      expect(run.finished.metrics?.thinkingTokens).toBeGreaterThan(10);
    }
  });

  it('a large beta moves routing toward the chosen experts', async () => {
    const question = problems[0]!.question;
    const unsteered = await rice(question, { experts: chosen, beta: 1 });
    const steered = await rice(question, { experts: chosen, beta: 64, form: 'logit' });
    expect(steered.finished.status).toBe('completed');
    const before = chosenFrequency(unsteered.tokens);
    const after = chosenFrequency(steered.tokens);
    expect(after).toBeGreaterThan(before + 0.3);
    expect(after).toBeGreaterThan(0.9);
  });

  it('takes the experts from the host calibration, else the engine state, else refuses', async () => {
    const question = problems[1]!.question;
    const fromConfig = await rice(question, { beta: 64, topExperts: 1 }, { calibratedExperts: chosen });
    expect(fromConfig.events.find((e) => e.kind === 'note')).toMatchObject({ message: expect.stringContaining('L1/E3') });
    expect(fromConfig.events.find((e) => e.kind === 'note')).toMatchObject({ message: expect.not.stringContaining('L4/E6') });
    const refused = await rice(question, {});
    expect(refused.finished.error?.code).toBe('invalid_payload');
    engine.engine.state.set(calibrationStateKey('moe'), [{ layer: 2, expert: 5 }]);
    try {
      const fromState = await rice(question, { beta: 2 });
      expect(fromState.events.find((e) => e.kind === 'note')).toMatchObject({ message: expect.stringContaining('L2/E5') });
    } finally {
      engine.engine.state.delete(calibrationStateKey('moe'));
    }
  });
});
