import { describe, expect, it } from 'vitest';
import { ExperimentSpec } from '@app/experiments';
import { MethodConfig } from '@app/methods';
import { STEERED, UNSTEERED, armStats, steeringConfigs, steeringExperimentSpec } from './steering';

const req = { model: { model: 'moe', provider: 'cpu' as const }, experts: [{ layer: 2, expert: 7 }], beta: 64, form: 'gate' as const };

describe('steering', () => {
  it('twins a steered config with beta 1', () => {
    const { steered, unsteered } = steeringConfigs(req);
    expect(steered).toMatchObject({ method: 'rice', models: { model: { model: 'moe' } }, params: { beta: 64, form: 'gate', experts: [{ layer: 2, expert: 7 }], topExperts: 1 } });
    expect(unsteered.params.beta).toBe(1);
    expect(MethodConfig.safeParse(steered).success).toBe(true);
  });

  it('builds a valid two-arm experiment', () => {
    const spec = steeringExperimentSpec({ ...req, datasetId: 'ds', itemLimit: 10 });
    expect(spec.arms.map((a) => [a.label, a.baseline])).toEqual([
      [STEERED, false],
      [UNSTEERED, true],
    ]);
    expect(ExperimentSpec.safeParse(spec).success).toBe(true);
  });

  it('aggregates accuracy and thinking length per arm', () => {
    const m = (thinkingTokens: number, newTokens: number) => ({ thinkingTokens, newTokens }) as never;
    const stats = armStats(
      [
        { armId: 's', status: 'completed', correct: true, metrics: m(10, 20) },
        { armId: 's', status: 'completed', correct: false, metrics: m(30, 40) },
        { armId: 's', status: 'failed', correct: null, metrics: null },
        { armId: 'u', status: 'completed', correct: true, metrics: m(5, 9) },
        { armId: 'u', status: 'completed', correct: null, metrics: m(7, 11) },
        { armId: null, status: 'completed', correct: true, metrics: m(1, 1) },
      ],
      [
        { id: 's', label: STEERED },
        { id: 'u', label: UNSTEERED },
      ],
    );
    expect(stats).toEqual([
      { arm: STEERED, runs: 2, graded: 2, accuracy: 0.5, meanThinkingTokens: 20, meanNewTokens: 30 },
      { arm: UNSTEERED, runs: 2, graded: 1, accuracy: 1, meanThinkingTokens: 6, meanNewTokens: 10 },
    ]);
  });
});
