import { describe, expect, it } from 'vitest';
import { ExperimentArm } from '../experiments';
import { setupWarnings } from './setup-warnings';

const ar = ExperimentArm.parse({ id: 'ar', label: 'AR', baseline: true, config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { maxNewTokens: 64 } } });
const sd = ExperimentArm.parse({ id: 'sd', label: 'SD', config: { method: 'chain_sd', models: { target: { model: 'base' }, draft: { model: 'draft' } }, sampling: { maxNewTokens: 64 } } });
const run = (arm: string, { engine, ...fingerprints }: Record<string, string>, seed = 0, itemId = 'a') => ({ arm, itemId, sample: 0, seed, setup: { engine, fingerprints } });

describe('setupWarnings', () => {
  it('is quiet for a consistent comparison', () => {
    const runs = [run('AR', { engine: '1', 'model:base': 'f1' }), run('SD', { engine: '1', 'target:base': 'f1', 'draft:draft': 'd1' })];
    expect(setupWarnings({ arms: [ar, sd], runs, dataset: { recorded: 'v1', current: 'v1' } })).toEqual([]);
  });

  it('names decoding differences, other target models, changed model files and engines, seeds and datasets', () => {
    const hot = { ...sd, config: { ...sd.config, sampling: { ...sd.config.sampling, temperature: 0.7, maxNewTokens: 32 } } };
    const moe = ExperimentArm.parse({ id: 'moe', label: 'MoE', config: { method: 'autoregressive', models: { model: { model: 'moe' } }, sampling: { maxNewTokens: 64 } } });
    const runs = [run('AR', { engine: '1', 'model:base': 'f1' }, 0), run('SD', { engine: '2', 'target:base': 'f2' }, 5)];
    const warnings = setupWarnings({ arms: [ar, hot, moe], runs, dataset: { recorded: 'aaaaaaaaaaaaaaaa', current: 'bbbbbbbbbbbbbbbb' } });
    expect(warnings).toEqual([
      expect.stringContaining("dataset's content changed"),
      'Arm "SD" decodes differently from the baseline "AR": temperature 0.7 vs 0, max new tokens 32 vs 64.',
      expect.stringContaining('Arm "MoE" reports on model moe, the baseline on base'),
      expect.stringContaining('Model base changed during the experiment: its runs used 2 different files'),
      'Runs were made by 2 engine versions (1, 2).',
      'Arms used different seeds on 1 (item, sample) cell.',
    ]);
    expect(setupWarnings({ arms: [ar], runs: [], dataset: { recorded: 'v', current: null } })[0]).toMatch(/deleted/);
  });
});
