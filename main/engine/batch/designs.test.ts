// Which design runs where, and that every design gives the sequential tokens on every model it runs
// on: the embedded draft and MoE models (both designs), the real-architecture fp32 exports without
// attention_bias (rows; fp32, and float16 KV caches), and the onnxruntime-GenAI exports with
// GroupQueryAttention (rows for fresh samples, one by one for ragged prefixes). Plus the KV cap and
// the context's sampleMany.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMethodConfig } from '@app/methods';
import { SamplingParams } from '@app/sampling';
import { EMBEDDED_MODELS } from '../in-process';
import type { Continuation } from '../methods/continuation';
import type { MethodImplementation } from '../methods/context';
import { runDirect } from '../methods/speculative/test-support';
import { LoadedModel } from '../runtime/loaded-model';
import type { ContinuationSpec } from './continuations';
import { chooseDesign, chunkToFit, sampleContinuations } from './continuations';

const never = { cancelled: false };
const hot = SamplingParams.parse({ temperature: 1.5 });
const tokensOf = (cs: Continuation[]) => cs.map((c) => c.tokens.join(','));

function specsFor(prompt: readonly number[]): ContinuationSpec[] {
  return [
    { prefix: [], seed: 1, maxNewTokens: 12 },
    { prefix: prompt.slice(0, 3), seed: 2, maxNewTokens: 12 },
    { prefix: prompt.slice(0, 1), seed: 3, maxNewTokens: 5 },
    { prefix: [], seed: 4, maxNewTokens: 9 },
  ];
}

describe.each(['draft', 'moe'])('the embedded %s model', (name) => {
  it('gives the sequential tokens as rows and as a tree', async () => {
    const m = await LoadedModel.load(EMBEDDED_MODELS[name]!, 'cpu');
    const prompt = m.tokenizer.encode('<|user|>a = 3. b = a + 4. What is b?<|end|><|assistant|><think>');
    const specs = specsFor(prompt);
    const seq = tokensOf(await sampleContinuations(m, prompt, specs, hot, { signal: never, design: 'sequential' }));
    expect(tokensOf(await sampleContinuations(m, prompt, specs, hot, { signal: never, design: 'rows' }))).toEqual(seq);
    expect(tokensOf(await sampleContinuations(m, prompt, specs, hot, { signal: never, design: 'tree' }))).toEqual(seq);
    expect(chooseDesign(m, specs, 'auto')).toBe('tree');
  });
});

const realRoot = path.resolve(import.meta.dirname, '../../../native-models/tools/fixtures/real');
const real = (name: string) => path.join(realRoot, name);
const promptOf = (folder: string): number[] => (JSON.parse(fs.readFileSync(path.join(folder, 'golden.json'), 'utf8')) as { cases: { prompt_ids: number[] }[] }).cases[0]!.prompt_ids;

describe.skipIf(!fs.existsSync(realRoot))('real-architecture exports', () => {
  it.each([
    ['qwen3', 'fp32'],
    ['llama3.2', 'fp32'],
    ['phi3', 'fp32'],
    ['qwen3', 'fp16'],
    ['gemma3', 'q4f16'],
  ])('%s (%s, no attention_bias): rows give the sequential tokens, and auto picks rows', async (name, dtype) => {
    const m = await LoadedModel.load(real(name), 'cpu', undefined, dtype);
    const prompt = promptOf(real(name));
    const specs = specsFor(prompt);
    const fixed = { ...hot, ignoreEos: true };
    const seq = tokensOf(await sampleContinuations(m, prompt, specs, fixed, { signal: never, design: 'sequential' }));
    expect(tokensOf(await sampleContinuations(m, prompt, specs, fixed, { signal: never, design: 'rows' }))).toEqual(seq);
    expect(chooseDesign(m, specs, 'auto')).toBe('rows');
    await expect(sampleContinuations(m, prompt, specs, fixed, { signal: never, design: 'tree' })).rejects.toThrow(/needs attention_bias/);
  });

  it.each(['llama3.2-gqa', 'qwen3-gqa'])('%s (GroupQueryAttention): fresh samples batch as rows with the sequential tokens; ragged prefixes run one by one', async (name) => {
    const m = await LoadedModel.load(real(name), 'cpu', undefined, 'fp32');
    const prompt = promptOf(real(name));
    expect(m.rowsBatchable).toBe(false);
    const fresh = [1, 2, 3].map((seed, i) => ({ prefix: [], seed, maxNewTokens: 6 + 3 * i })); // rows leave the batch at 6 and 9
    const seq = tokensOf(await sampleContinuations(m, prompt, fresh, hot, { signal: never, design: 'sequential' }));
    expect(chooseDesign(m, fresh, 'auto')).toBe('rows');
    expect(tokensOf(await sampleContinuations(m, prompt, fresh, hot, { signal: never }))).toEqual(seq);
    const ragged = specsFor(prompt);
    await expect(sampleContinuations(m, prompt, ragged, hot, { signal: never, design: 'rows' })).rejects.toThrow(/prefixes of different lengths need position_ids and no GroupQueryAttention/);
    expect(chooseDesign(m, ragged, 'auto')).toBe('sequential');
    expect(await sampleContinuations(m, prompt, ragged, hot, { signal: never })).toHaveLength(4);
  });
});

describe('limits and the method context', () => {
  it('splits indices into the fewest consecutive batches that fit', () => {
    expect(chunkToFit(10, (c) => c.length <= 3)).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect(chunkToFit(4, () => true)).toEqual([[0, 1, 2, 3]]);
    expect(chunkToFit(2, () => false)).toEqual([[0], [1]]);
  });

  it('refuses a batch whose KV buffers pass the cap, naming the sizes', async () => {
    const m = await LoadedModel.load(EMBEDDED_MODELS.base!, 'cpu');
    const prompt = m.tokenizer.encode('<|user|>a = 3.<|end|><|assistant|>');
    const specs = Array.from({ length: 64 }, (_, seed) => ({ prefix: [], seed, maxNewTokens: 128 }));
    for (const design of ['rows', 'tree'] as const) {
      await expect(sampleContinuations(m, prompt, specs, hot, { signal: never, design, maxKvBytes: 32 * 1024 ** 2 })).rejects.toThrow(/64 continuations of up to 128 tokens would hold \d+ MiB of KV buffers .* over the 32 MiB cap/);
    }
    await expect(sampleContinuations(m, prompt, specs.slice(0, 2), hot, { signal: never, design: 'tree', treeGroups: 1.5 })).rejects.toThrow(/treeGroups must be a positive integer/);
    // auto splits a batch over the cap into consecutive batches under it, with the same tokens
    const some = specs.slice(0, 6).map((sp) => ({ ...sp, maxNewTokens: 12 }));
    const seq = tokensOf(await sampleContinuations(m, prompt, some, hot, { signal: never, design: 'sequential' }));
    const order: number[] = [];
    const split = await sampleContinuations(m, prompt, some, hot, { signal: never, maxKvBytes: 1024 ** 2, onToken: (i) => order.push(i) });
    expect(tokensOf(split)).toEqual(seq);
    expect(order[0]).toBe(0);
    expect(order.at(-1)).toBe(5);
    expect(order.indexOf(5)).toBeGreaterThan(order.lastIndexOf(0)); // later batches start after earlier ones end
    await expect(sampleContinuations(m, prompt, some, hot, { signal: never, maxKvBytes: 1024 })).rejects.toThrow(/1 continuation of up to 12 tokens would hold \d+ MiB/);
    // one by one holds one continuation's cache at a time: no batch cap applies
    const one = await sampleContinuations(m, prompt, specs.slice(0, 2), hot, { signal: never, design: 'sequential', maxKvBytes: 1 });
    expect(one).toHaveLength(2);
  });

  it('ctx.sampleMany continues the run prompt with the role model, as sampleContinuations does', async () => {
    const m = await LoadedModel.load(EMBEDDED_MODELS.base!, 'cpu');
    const prompt = m.tokenizer.encode('<|user|>x = 2. y = x * 3. What is y?<|end|><|assistant|><think>');
    const specs = [5, 6, 7].map((seed) => ({ prefix: [], seed, maxNewTokens: 10 }));
    let seen: Continuation[] = [];
    const probe: MethodImplementation = {
      async run(ctx) {
        seen = await ctx.sampleMany('model', specs);
        return {};
      },
    };
    const config = parseMethodConfig({ method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { temperature: 1.5 } });
    await runDirect(probe, config, { model: m }, prompt);
    expect(tokensOf(seen)).toEqual(tokensOf(await sampleContinuations(m, prompt, specs, config.sampling, { signal: never, design: 'sequential' })));
  });
});
