// The shipped models: each loads, its graph's I/O matches its workbench.json, and the engine
// reproduces the greedy outputs recorded at export time (onnxruntime CPU on the export machine;
// PyTorch for the tiny Hugging Face fixtures).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelManifest } from '../app/models';
import { KvCache } from '../main/engine/runtime/kv-cache';
import { LoadedModel, logitsRow } from '../main/engine/runtime/loaded-model';
import { argmax } from '../main/engine/runtime/sampling';

const here = path.dirname(new URL(import.meta.url).pathname);

interface Golden {
  max_new_tokens: number;
  cases: { prompt_ids: number[]; output_ids: number[] }[];
}

async function greedy(model: LoadedModel, prompt: number[], maxNew: number): Promise<number[]> {
  const cache = new KvCache(model.kvLayout);
  let r = await model.forward(cache, prompt);
  cache.commit(r.present, prompt);
  const out: number[] = [];
  for (let i = 0; i < maxNew; i++) {
    const next = argmax(logitsRow(r, r.logits.length / r.vocab - 1));
    out.push(next);
    if (model.tokenizer.eosIds.has(next)) break;
    r = await model.forward(cache, [next]);
    cache.commit(r.present, [next]);
  }
  return out;
}

describe.each(['draft', 'base', 'moe'])('embedded model %s', (name) => {
  const folder = path.join(here, name);
  const manifest = ModelManifest.parse(JSON.parse(fs.readFileSync(path.join(folder, 'workbench.json'), 'utf8')));

  it('declares the I/O its workbench.json promises', async () => {
    const m = await LoadedModel.load(folder, 'cpu', name);
    expect(m.io.kv.layers).toBe(manifest.layers);
    expect(m.io.kv.heads).toBe(manifest.kvHeads);
    expect(m.io.kv.headDim).toBe(manifest.headDim);
    expect(m.vocab).toBe(manifest.vocabSize);
    expect(m.info.capabilities.attentionBias).toBe(true);
    expect(m.info.capabilities.positionIds).toBe(true);
    expect(m.info.capabilities.routerBias).toBe(manifest.family === 'moe');
    expect(m.info.capabilities.routerLogits).toBe(manifest.family === 'moe');
    if (manifest.moe) expect(m.io.router).toEqual({ layers: manifest.moe.layers.length, experts: manifest.moe.experts });
    expect(m.info.capabilities.exitGraphs).toEqual(manifest.exitLayers);
    expect(m.info.capabilities.exitLayers).toEqual(manifest.exitLayers);
    expect(m.info.capabilities.judge).toBe(manifest.roles.includes('judge'));
    for (const file of fs.readdirSync(folder)) expect(fs.statSync(path.join(folder, file)).size).toBeLessThan(16 * 1024 * 1024);
  });

  it('reproduces its recorded greedy outputs', async () => {
    const m = await LoadedModel.load(folder, 'cpu', name);
    const golden = JSON.parse(fs.readFileSync(path.join(folder, 'golden.json'), 'utf8')) as Golden;
    expect(golden.cases.length).toBeGreaterThanOrEqual(3);
    for (const c of golden.cases) {
      expect(await greedy(m, c.prompt_ids, golden.max_new_tokens)).toEqual(c.output_ids);
    }
  });
});

describe.each(['llama', 'qwen2', 'qwen3', 'qwen3_moe', 'olmoe'])('tiny Hugging Face export %s', (arch) => {
  const folder = path.join(here, 'tools/fixtures/hf-tiny', arch);

  it('loads in the transformers.js layout and matches PyTorch greedy tokens', async () => {
    const m = await LoadedModel.load(folder, 'cpu', arch);
    expect(m.info.capabilities.attentionBias).toBe(true);
    expect(m.info.capabilities.routerLogits).toBe(arch.endsWith('moe'));
    const golden = JSON.parse(fs.readFileSync(path.join(folder, 'golden.json'), 'utf8')) as Golden;
    for (const c of golden.cases) {
      // These random models have no end-of-turn habit: compare the full fixed-length continuation.
      const cache = new KvCache(m.kvLayout);
      let r = await m.forward(cache, c.prompt_ids);
      cache.commit(r.present, c.prompt_ids);
      const out: number[] = [];
      for (let i = 0; i < golden.max_new_tokens; i++) {
        const next = argmax(logitsRow(r, r.logits.length / r.vocab - 1));
        out.push(next);
        r = await m.forward(cache, [next]);
        cache.commit(r.present, [next]);
      }
      expect(out).toEqual(c.output_ids);
    }
  });
});
