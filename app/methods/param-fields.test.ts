// Method parameter forms derived from the schemas: every catalog method has one, roles and sampling
// are not parameters, and the details the papers leave open are marked as unverified tunables.
import { describe, expect, it } from 'vitest';
import { configIssues, defaultMethodConfig } from './config';
import { UNVERIFIED_NOTE } from './descriptor';
import { methodParamFields, samplingParamFields, validateParam } from './param-fields';
import type { MethodName } from './registry';
import { methodNames, roleNamesOf } from './registry';

describe('method parameter fields', () => {
  it('describes every method of the registry without its models or sampling', () => {
    for (const method of methodNames) {
      const keys = methodParamFields(method).map((f) => f.key);
      for (const role of roleNamesOf(method)) expect(keys).not.toContain(role);
      expect(keys).not.toContain('sampling');
      expect(keys).not.toContain('method');
    }
  });

  it('marks the unverified paper details', () => {
    const unverified = (m: MethodName) => methodParamFields(m).filter((f) => f.unverified).map((f) => f.key);
    expect(unverified('ead')).toEqual(expect.arrayContaining(['window', 'tau', 'minDwell']));
    expect(unverified('rice')).toEqual(expect.arrayContaining(['beta', 'form']));
    expect(unverified('del')).toEqual(expect.arrayContaining(['acceptanceDecay', 'confidenceStop']));
    for (const f of methodParamFields('ead').filter((x) => x.unverified)) expect(f.help).toContain(UNVERIFIED_NOTE);
    expect(methodParamFields('chain_sd').some((f) => f.unverified)).toBe(false);
  });

  it('reads kinds, bounds and defaults from the schemas', () => {
    const tr = methodParamFields('token_recycling');
    expect(tr.find((f) => f.key === 'tree')).toMatchObject({ kind: 'tree', defaultValue: 'tr-20' });
    expect(tr.find((f) => f.key === 'k')).toMatchObject({ kind: 'number', integer: true, min: 1, max: 32, defaultValue: 8 });
    expect(methodParamFields('rsd')[0]).toMatchObject({ kind: 'numberList', integer: true, defaultValue: [3, 2, 2, 1] });
    expect(methodParamFields('rice').find((f) => f.key === 'experts')).toMatchObject({ kind: 'expertList' });
    const topP = samplingParamFields().find((f) => f.key === 'topP');
    expect(topP).toMatchObject({ kind: 'number', min: 0, max: 1, exclusiveMin: true });
    expect(samplingParamFields().find((f) => f.key === 'stop')).toMatchObject({ kind: 'stringList' });
  });

  it('validates values and whole configs', () => {
    expect(validateParam('rsd', 'branching', [0])).toMatch(/>=1/);
    expect(validateParam('sampling', 'temperature', 0.7)).toBeNull();
    const config = defaultMethodConfig('chain_sd', { target: { model: 'base', provider: 'cpu' }, draft: { model: 'draft', provider: 'cpu' } });
    expect(config).toMatchObject({ params: { gamma: 4, adaptiveGamma: false } });
    expect(configIssues(config)).toEqual([]);
    expect(configIssues({ ...config, params: { gamma: 0 } })[0]).toMatch(/^params\.gamma:/);
    expect(configIssues({ method: 'chain_sd', models: { target: { model: 'base' } } })[0]).toMatch(/^models\.draft:/);
  });
});

describe('size caps in the method schemas', () => {
  it('caps the RSD tree in total nodes, not per level', async () => {
    const { MethodConfig, rsdTreeNodes } = await import('./index');
    expect(rsdTreeNodes([3, 2, 2, 1])).toBe(33);
    const rsd = (branching: number[]) => MethodConfig.safeParse({ method: 'rsd', models: { target: { model: 'base' }, draft: { model: 'draft' } }, params: { branching } });
    expect(rsd([3, 2, 2, 1]).success).toBe(true);
    expect(rsd([8, 8, 8, 8, 8, 8, 8, 8]).error?.issues[0]?.message).toMatch(/exceed 1024 nodes/);
    expect(rsd([8, 8, 8]).success).toBe(true);
    expect(rsd([8, 8, 8, 2]).success).toBe(false);
  });

  it('caps a chat prompt in total characters', async () => {
    const { Prompt } = await import('../runs');
    const big = 'x'.repeat(150_000);
    expect(Prompt.safeParse({ kind: 'chat', messages: [{ role: 'user', content: big }] }).success).toBe(true);
    expect(Prompt.safeParse({ kind: 'chat', messages: [{ role: 'user', content: big }, { role: 'user', content: big }] }).success).toBe(false);
  });
});
