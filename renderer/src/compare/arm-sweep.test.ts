import { describe, expect, it } from 'vitest';
import { MethodConfig } from '@app/methods';
import { newArmDraft } from './arm-draft';
import { parseSweep, sweepArm } from './arm-sweep';

const config = MethodConfig.parse({ method: 'repeated_sampling', models: { model: { model: 'draft' }, judge: { model: 'base' } }, params: { k: 8, selection: 'verifier' } });

describe('arm sweep', () => {
  it('parses distinct positive integers and refuses the rest', () => {
    expect(parseSweep('1, 2 4,8,4')).toEqual([1, 2, 4, 8]);
    expect(parseSweep('1, x')).toMatch(/"x" is not a positive whole number/);
    expect(parseSweep('0')).toMatch(/not a positive/);
    expect(parseSweep(' ')).toMatch(/type the values/);
    expect(parseSweep(Array.from({ length: 13 }, (_, i) => i + 1).join(','))).toMatch(/at most 12/);
  });

  it('makes one arm per value with the other parameters kept, the baseline on the first only', () => {
    const arms = sweepArm({ ...newArmDraft(config, 'RS', true), autoLabel: false }, 'k', [1, 4, 16]);
    if (typeof arms === 'string') throw new Error(arms);
    expect(arms.map((a) => a.label)).toEqual(['RS k=1', 'RS k=4', 'RS k=16']);
    expect(arms.map((a) => (a.config as typeof config).params)).toEqual([1, 4, 16].map((k) => ({ ...config.params, k })));
    expect(arms.map((a) => a.baseline)).toEqual([true, false, false]);
    expect(new Set(arms.map((a) => a.key)).size).toBe(3);
    // Re-sweeping a swept arm replaces its suffix.
    const again = sweepArm(arms[1]!, 'k', [2]);
    expect(typeof again !== 'string' && again[0]!.label).toBe('RS k=2');
  });

  it("refuses a value outside the method's range with the schema's reason", () => {
    expect(sweepArm(newArmDraft(config, 'RS'), 'k', [4, 1000])).toMatch(/^k = 1000: /);
  });
});
