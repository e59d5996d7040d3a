import { describe, expect, it } from 'vitest';
import { buildRunRequest } from './build-request';

const form = (params: Record<string, unknown>) => ({
  method: 'token_recycling' as const,
  params: { token_recycling: params },
  sampling: { temperature: 0, topK: 0, topP: 1, seed: 0, maxNewTokens: 8, stop: [], ignoreEos: false, topLogprobs: 5 },
  promptKind: 'text' as const,
  text: 'hi',
  messages: [],
});

describe('buildRunRequest: Token Recycling tree by provider', () => {
  it('uses tr-20 on the CPU and tr-80 on a GPU when no tree is chosen', () => {
    const cpu = buildRunRequest(form({}) as never, { target: { model: 'base', provider: 'cpu' } });
    const gpu = buildRunRequest(form({}) as never, { target: { model: 'base', provider: 'webgpu' } });
    expect((cpu.config as { params: { tree?: string } }).params.tree).toBe('tr-20');
    expect((gpu.config as { params: { tree?: string } }).params.tree).toBe('tr-80');
  });

  it('keeps a chosen tree', () => {
    const chosen = buildRunRequest(form({ tree: 'tr-40' }) as never, { target: { model: 'base', provider: 'webgpu' } });
    expect((chosen.config as { params: { tree?: string } }).params.tree).toBe('tr-40');
  });
});

describe('buildRunRequest: repeated sampling on an example problem', () => {
  const sampling = { temperature: 1, topK: 0, topP: 1, seed: 0, maxNewTokens: 8, stop: [], ignoreEos: false, topLogprobs: 5 };
  const models = { model: { model: 'draft', provider: 'cpu' as const }, judge: { model: 'base', provider: 'cpu' as const } };
  const rs = (over: Record<string, unknown>) =>
    buildRunRequest({ method: 'repeated_sampling', params: {}, sampling, promptKind: 'text', text: 'a = 7. What is a?', messages: [], expected: { answer: '7', kind: 'numeric', question: 'a = 7. What is a?' }, ...over } as never, models);

  it("takes the example's answer along, graded as the host grades items", () => {
    expect(rs({}).reference).toEqual({ answer: '7', grading: { kind: 'numeric', tolerance: 1e-6 } });
  });

  it('sends none for an edited prompt, another method, or no example', () => {
    expect(rs({ text: 'a = 8. What is a?' }).reference).toBeUndefined();
    expect(rs({ expected: null }).reference).toBeUndefined();
    expect(rs({ method: 'autoregressive', params: {} }).reference).toBeUndefined();
  });
});
