// The registry and what derives from it: every method has one descriptor whose parameters all have
// defaults and whose docs name real parameters; the run config is discriminated by method with
// exactly the method's roles; capability problems come from the roles' needs.
import { describe, expect, it } from 'vitest';
import { capabilities as caps } from '../test-fixtures';
import { capabilityProblems, roleProblem } from './capabilities';
import { MethodConfig, modelIdsOf, primaryModelOf } from './config';
import { descriptorOf, isSpeculative, methodDescriptors, methodNames, roleNamesOf } from './registry';


describe('method registry', () => {
  it('lists each method once, each with defaults for every parameter and docs only for real ones', () => {
    expect(new Set(methodNames).size).toBe(methodNames.length);
    for (const d of methodDescriptors) {
      expect(() => d.params.parse({})).not.toThrow();
      const keys = Object.keys(d.params.shape);
      for (const key of Object.keys(d.docs)) expect(keys).toContain(key);
      expect(Object.keys(d.roles)).toContain(d.primaryRole);
      for (const preset of d.presets) expect(() => d.params.parse(preset.params)).not.toThrow();
    }
  });

  it('derives the speculative set from the families', () => {
    expect(methodNames.filter(isSpeculative)).toEqual(['chain_sd', 'token_recycling', 'rsd', 'del', 'prompt_lookup']);
  });

  it('describes prompt lookup decoding as transformers does', () => {
    const d = descriptorOf('prompt_lookup');
    expect(d).toMatchObject({ lossless: true, family: 'speculative', roles: { target: { size: 'big', needs: ['kvCache'] } } });
    expect(d.params.parse({})).toEqual({ numTokens: 10, maxNgram: 2 });
    expect(d.params.safeParse({ numTokens: 65 }).success).toBe(false);
    expect(d.params.safeParse({ maxNgram: 9 }).success).toBe(false);
  });
});

describe('run config', () => {
  it('parses {method, models, params, sampling} with the defaults filled in', () => {
    const c = MethodConfig.parse({ method: 'ead', models: { small: { model: 'draft' }, large: { model: 'base' } }, params: { tau: 0.5 } });
    expect(c).toMatchObject({ method: 'ead', params: { tau: 0.5, window: 8 }, sampling: { temperature: 0 } });
    expect(modelIdsOf(c)).toEqual(['draft', 'base']);
    expect(primaryModelOf(c).model).toBe('base');
  });

  it("refuses a config missing one of the method's roles, or with a parameter out of range", () => {
    expect(MethodConfig.safeParse({ method: 'rsd', models: { target: { model: 'base' } } }).success).toBe(false);
    expect(MethodConfig.safeParse({ method: 'chain_sd', models: { target: { model: 'b' }, draft: { model: 'd' } }, params: { gamma: 0 } }).success).toBe(false);
    expect(MethodConfig.safeParse({ method: 'nope', models: {} }).success).toBe(false);
  });

  it('keeps model roles in the order the descriptor lists them', () => {
    for (const m of methodNames) {
      const models = Object.fromEntries(roleNamesOf(m).reverse().map((r) => [r, { model: r }]));
      expect(modelIdsOf(MethodConfig.parse({ method: m, models }))).toEqual(roleNamesOf(m));
    }
  });
});

describe('capabilities', () => {
  it('reports what a role needs and a model lacks', () => {
    expect(roleProblem('del', 'target', caps())).toBe('no early-exit graphs');
    expect(roleProblem('del', 'target', caps({ exitGraphs: [2] }))).toBeNull();
    expect(roleProblem('rice', 'model', caps({ routerLogits: true }))).toBe('no router_bias input');
    expect(roleProblem('specreason', 'small', caps())).toBeNull();
    // Any large model judges: one not trained as a judge gets the paper's scoring prompt.
    expect(roleProblem('specreason', 'large', caps())).toBeNull();
    expect(capabilityProblems('chain_sd', { target: { name: 'T', capabilities: caps() }, draft: { name: 'D', capabilities: caps({ kvCache: false }) } })).toEqual([
      expect.stringMatching(/draft model D has no KV cache/),
    ]);
  });
});
