import { describe, expect, it } from 'vitest';
import { buildRunRequest } from './build-request';

const form = (params: Record<string, unknown>) => ({
  method: 'token_recycling' as const,
  params: { token_recycling: params },
  sampling: { temperature: 0, topK: 0, topP: 1, seed: 0, maxNewTokens: 8, stop: [], ignoreEos: false, topLogprobs: 5 },
  promptKind: 'text' as const,
  text: 'hi',
  messages: [],
  expected: null,
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

describe('buildRunRequest: an example carries its answer', () => {
  const question = 'Mia has 12 marbles. How many?';
  const expected = { answer: '12', kind: 'numeric' as const, question };
  const models = { target: { model: 'base', provider: 'cpu' as const } };

  it('sends the answer while the prompt asks the example question (text or a one-message chat)', () => {
    expect(buildRunRequest({ ...form({}), text: question, expected } as never, models).expected).toEqual({ answer: '12', kind: 'numeric' });
    const chat = { ...form({}), promptKind: 'chat', messages: [{ role: 'user', content: question }], expected };
    expect(buildRunRequest(chat as never, models).expected).toEqual({ answer: '12', kind: 'numeric' });
  });

  it('sends none once the prompt is another question, or raw', () => {
    expect(buildRunRequest({ ...form({}), text: 'something else', expected } as never, models).expected).toBeUndefined();
    expect(buildRunRequest({ ...form({}), promptKind: 'raw', text: question, expected } as never, models).expected).toBeUndefined();
    const edited = { ...form({}), promptKind: 'chat', messages: [{ role: 'user', content: `${question} Think twice.` }], expected };
    expect(buildRunRequest(edited as never, models).expected).toBeUndefined();
  });
});

describe('buildRunRequest: repeated sampling on an example problem', () => {
  const sampling = { temperature: 1, topK: 0, topP: 1, seed: 0, maxNewTokens: 8, stop: [], ignoreEos: false, topLogprobs: 5 };
  const models = { model: { model: 'draft', provider: 'cpu' as const }, judge: { model: 'base', provider: 'cpu' as const } };
  const rs = (over: Record<string, unknown>) =>
    buildRunRequest({ method: 'repeated_sampling', params: {}, sampling, promptKind: 'text', text: 'a = 7. What is a?', messages: [], expected: { answer: '7', kind: 'numeric', question: 'a = 7. What is a?' }, ...over } as never, models);

  it("takes the example's answer along as `expected` (the host grades the samples and the oracle selects with it)", () => {
    expect(rs({})).toMatchObject({ expected: { answer: '7', kind: 'numeric' } });
    expect(rs({})).not.toHaveProperty('reference');
  });

  it('sends none for an edited prompt or no example', () => {
    expect(rs({ text: 'a = 8. What is a?' }).expected).toBeUndefined();
    expect(rs({ expected: null }).expected).toBeUndefined();
  });
});
