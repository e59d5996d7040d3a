// CLI flags to a method config: each role takes the big or the small model by its size class, --set
// goes into the method's parameters, and a --config file in the flat shape of before store
// migration 4 still loads.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { methodConfigFromArgs } from './method-config';

const configOf = (argv: string[]) => methodConfigFromArgs(parseArgs(argv));

describe('methodConfigFromArgs', () => {
  it('fills roles by size class: big models from --model/--target/--large, small from --draft/--small', () => {
    expect(configOf(['--method', 'chain_sd', '--model', 'big', '--draft', 'little', '--set', 'gamma=6'])).toMatchObject({
      models: { target: { model: 'big' }, draft: { model: 'little' } },
      params: { gamma: 6 },
    });
    expect(configOf(['--method', 'ead', '--large', 'L'])).toMatchObject({ models: { small: { model: 'draft' }, large: { model: 'L' } } });
    expect(configOf(['--method', 'prompt_lookup', '--set', 'numTokens=5'])).toMatchObject({ models: { target: { model: 'base' } }, params: { numTokens: 5, maxNgram: 2 } });
    expect(configOf(['--temperature', '0.5'])).toMatchObject({ method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { temperature: 0.5 } });
    expect(() => configOf(['--method', 'nope'])).toThrow(/unknown method "nope"/);
  });

  it('loads a --config file in the old flat shape or the new one', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'workbench-cli-'));
    try {
      const flat = path.join(dir, 'flat.json');
      writeFileSync(flat, JSON.stringify({ config: { method: 'rsd', target: { model: 'b' }, draft: { model: 'd' }, branching: [2, 1], sampling: { seed: 4 } } }));
      expect(configOf(['--config', flat])).toMatchObject({ method: 'rsd', models: { target: { model: 'b' }, draft: { model: 'd' } }, params: { branching: [2, 1] }, sampling: { seed: 4 } });
      const shaped = path.join(dir, 'new.json');
      writeFileSync(shaped, JSON.stringify({ method: 'del', models: { target: { model: 'b' } }, params: { maxDraftLength: 3 } }));
      expect(configOf(['--config', shaped])).toMatchObject({ params: { maxDraftLength: 3, acceptanceDecay: 0.9 } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('methodConfigFromArgs --set', () => {
  it('takes sampling settings bare or as sampling.KEY', () => {
    expect(methodConfigFromArgs(parseArgs(['--set', 'ignoreEos=true'])).sampling.ignoreEos).toBe(true);
    expect(methodConfigFromArgs(parseArgs(['--set', 'sampling.ignoreEos=true;temperature=0.5'])).sampling).toMatchObject({ ignoreEos: true, temperature: 0.5 });
  });

  it('refuses a key the method does not have', () => {
    expect(() => methodConfigFromArgs(parseArgs(['--set', 'ignoreEOS=true']))).toThrow(/"ignoreEOS" is not a setting of autoregressive/);
  });
});
