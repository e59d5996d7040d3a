// Which methods a model serves, from its capabilities: our MoE export, a plain foreign export.
import { describe, expect, it } from 'vitest';
import { methodSupport } from './model-methods';
import type { ModelCapabilities } from './models';
import { capabilities as caps } from './test-fixtures';

const okOf = (c: ModelCapabilities) => Object.fromEntries(methodSupport({ capabilities: c, manifest: undefined as never }).map((m) => [m.method, m.ok]));

describe('methodSupport', () => {
  it('a plain export serves the speculative methods by batch paths, but not DEL or RICE, and says why', () => {
    const lines = methodSupport({ capabilities: caps({}), manifest: undefined as never });
    expect(okOf(caps({}))).toMatchObject({ autoregressive: true, chain_sd: true, token_recycling: true, rsd: true, del: false, rice: false });
    expect(lines.find((l) => l.method === 'token_recycling')!.why).toContain('batch');
    expect(lines.find((l) => l.method === 'del')!.why).toContain('exit');
    expect(lines.find((l) => l.method === 'rice')!.why).toContain('router');
  });

  it('our MoE export with router inputs serves RICE; exits serve DEL; no KV cache rules out drafting', () => {
    expect(okOf(caps({ routerBias: true, routerLogits: true }))).toMatchObject({ rice: true });
    expect(okOf(caps({ exitLayers: [2, 4], exitGraphs: [2] }))).toMatchObject({ del: true });
    expect(okOf(caps({ kvCache: false }))).toMatchObject({ chain_sd: false, token_recycling: false, rsd: false, autoregressive: true });
  });
});
