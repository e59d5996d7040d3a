import { describe, expect, it } from 'vitest';
import { MethodConfig } from '@app/methods';
import { armFieldProblems, newArmDraft, withFieldError, withJson, withModel, withParam, withSampling } from './arm-draft';
import { presetConfig, presetLabel, presetMethods } from './arm-presets';

const models = ['base', 'draft', 'moe'];

describe('arm presets', () => {
  it('makes a valid config for every method, big models as targets and small ones as drafts', () => {
    for (const method of presetMethods) expect(MethodConfig.parse(presetConfig(method, models))).toMatchObject({ method });
    expect(presetConfig('chain_sd', models)).toMatchObject({ models: { target: { model: 'base' }, draft: { model: 'draft' } }, params: { gamma: 4 } });
    expect(presetConfig('ead', models)).toMatchObject({ models: { small: { model: 'draft' }, large: { model: 'base' } } });
    expect(presetConfig('rice', models)).toMatchObject({ models: { model: { model: 'moe' } } });
    expect(presetConfig('autoregressive', ['mine'], { maxNewTokens: 32 })).toMatchObject({ models: { model: { model: 'mine' } }, sampling: { maxNewTokens: 32, temperature: 0 } });
  });

  it('labels arms uniquely', () => {
    const sd = presetConfig('chain_sd', models);
    expect(presetLabel(sd, [])).toBe('chain_sd base/draft');
    expect(presetLabel(sd, ['chain_sd base/draft', 'chain_sd base/draft 2'])).toBe('chain_sd base/draft 3');
    expect(presetLabel(presetConfig('autoregressive', models), [])).toBe('AR base');
  });
});

describe('arm drafts', () => {
  it('takes edited JSON only when it is a valid method config, and applies shared sampling', () => {
    const draft = newArmDraft(presetConfig('chain_sd', models), 'SD');
    expect(withJson(draft, '{').jsonError).toMatch(/^not JSON/);
    const wrongGamma = withJson(draft, JSON.stringify({ ...draft.config, params: { gamma: 0 } }));
    expect(wrongGamma.jsonError).toMatch(/^params\.gamma:/);
    expect(wrongGamma.config).toBe(draft.config);
    const edited = withJson(draft, JSON.stringify({ ...draft.config, params: { gamma: 6 } }));
    expect(edited).toMatchObject({ jsonError: null, config: { params: { gamma: 6 } } });
    const shared = withSampling(edited, { maxNewTokens: 99 });
    expect(shared.config.sampling.maxNewTokens).toBe(99);
    expect(JSON.parse(shared.json).sampling.maxNewTokens).toBe(99);
  });

  it('takes form edits: a parameter, a model, and field problems only of the current method and sampling', () => {
    const draft = newArmDraft(presetConfig('chain_sd', models), 'SD');
    const gamma = withParam(draft, 'gamma', 7);
    expect(gamma.config).toMatchObject({ method: 'chain_sd', params: { gamma: 7 } });
    expect(JSON.parse(gamma.json).params.gamma).toBe(7);
    const cuda = withModel(gamma, 'draft', { model: 'moe', provider: 'webgpu' });
    expect(cuda.config.models).toMatchObject({ target: { model: 'base' }, draft: { model: 'moe', provider: 'webgpu' } });
    // Token Recycling's default tree follows the target's provider; a chosen tree stays.
    const tr = newArmDraft(presetConfig('token_recycling', models), 'TR');
    const gpu = withModel(tr, 'target', { model: 'base', provider: 'webgpu' });
    expect(gpu.config.params).toMatchObject({ tree: 'tr-80' });
    expect(withModel(gpu, 'target', { model: 'base', provider: 'cpu' }).config.params).toMatchObject({ tree: 'tr-20' });
    const chosen = withParam(tr, 'tree', 'chain-8');
    expect(withModel(chosen, 'target', { model: 'base', provider: 'webgpu' }).config.params).toMatchObject({ tree: 'chain-8' });
    const broken = withFieldError(withFieldError(cuda, 'chain_sd.gamma', 'too small'), 'ead.tau', 'stale');
    expect(armFieldProblems(broken)).toEqual(['chain_sd.gamma']);
    expect(armFieldProblems(withFieldError(broken, 'chain_sd.gamma', null))).toEqual([]);
    expect(withFieldError(broken, 'ead.tau', 'stale')).toBe(broken);
    // Valid JSON replaces the config wholesale, so the form's pending problems no longer apply.
    expect(armFieldProblems(withJson(broken, broken.json))).toEqual([]);
  });
});
