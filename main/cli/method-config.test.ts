// The CLI's method flags: --set puts sampling settings under sampling (ignoreEos was silently dropped)
// and refuses a key that is no setting of the method instead of ignoring it.
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { methodConfigFromArgs } from './method-config';

describe('methodConfigFromArgs --set', () => {
  it('takes sampling settings bare or as sampling.KEY', () => {
    expect(methodConfigFromArgs(parseArgs(['--set', 'ignoreEos=true'])).sampling.ignoreEos).toBe(true);
    expect(methodConfigFromArgs(parseArgs(['--set', 'sampling.ignoreEos=true;temperature=0.5'])).sampling).toMatchObject({ ignoreEos: true, temperature: 0.5 });
  });

  it('refuses a key the method does not have', () => {
    expect(() => methodConfigFromArgs(parseArgs(['--set', 'ignoreEOS=true']))).toThrow(/"ignoreEOS" is not a setting of autoregressive/);
  });
});
