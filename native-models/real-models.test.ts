// The real-architecture fixtures (tools/export_real.py): random-weight Qwen3, Qwen2.5, Llama 3.2,
// Phi-3, Gemma 3, SmolLM3 and Qwen3-MoE, in the onnx-community layout (plain torch export, external
// data, fp16/q4/q4f16 variants) and the onnxruntime-GenAI style (GroupQueryAttention, RotaryEmbedding,
// SkipSimplifiedLayerNormalization, MatMulNBits). Every variant loads unchanged and reproduces its
// recorded greedy tokens: fp32 ones equal PyTorch's; fp16 and 4-bit ones equal what onnxruntime
// (Python) produced from the same file, and golden.json records where those first leave PyTorch's.
// transformers.js, given the same folder and dtype, produces the engine's tokens.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KvCache } from '../main/engine/runtime/kv-cache';
import { LoadedModel, logitsRow } from '../main/engine/runtime/loaded-model';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.WORKBENCH_REAL_FIXTURES ?? path.join(here, 'tools/fixtures/real');

interface Golden {
  max_new_tokens: number;
  cases: { prompt_ids: number[]; output_ids: number[]; variants: Record<string, { onnxruntime_output_ids: number[]; first_divergence_from_pytorch: number | null }> }[];
}

function argmax(a: Float32Array): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}

/** The margin between the best and second-best logit. */
function margin(a: Float32Array): { top: number; gap: number } {
  const best = argmax(a);
  let second = -Infinity;
  for (let i = 0; i < a.length; i++) if (i !== best && a[i]! > second) second = a[i]!;
  return { top: a[best]!, gap: a[best]! - second };
}

async function greedy(m: LoadedModel, prompt: number[], n: number, margins: { top: number; gap: number }[] = []): Promise<number[]> {
  const cache = new KvCache(m.kvLayout);
  let r = await m.forward(cache, prompt);
  cache.commit(r.present, prompt);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = logitsRow(r, r.logits.length / r.vocab - 1);
    const next = argmax(row);
    margins.push(margin(row));
    out.push(next);
    if (i === n - 1) break;
    r = await m.forward(cache, [next]);
    cache.commit(r.present, [next]);
  }
  return out;
}

const folders = fs.existsSync(root) ? fs.readdirSync(root).filter((f) => fs.existsSync(path.join(root, f, 'golden.json'))) : [];

describe.each(folders)('real-architecture export %s', (name) => {
  const folder = path.join(root, name);
  const golden = JSON.parse(fs.readFileSync(path.join(folder, 'golden.json'), 'utf8')) as Golden;
  const dtypes = Object.keys(golden.cases[0]!.variants);

  it.each(dtypes)('%s loads unchanged and reproduces its recorded greedy tokens', async (dtype) => {
    const m = await LoadedModel.load(folder, 'cpu', name, dtype);
    expect(m.info.dtype).toBe(dtype);
    expect(m.info.variants.map((v) => v.dtype).sort()).toEqual([...dtypes].sort());
    expect(m.info.ioDtype).toBe(dtype.endsWith('16') ? 'float16' : 'float32');
    expect(m.info.parameterCount).toBeGreaterThan(100_000);
    for (const c of golden.cases) {
      const out = await greedy(m, c.prompt_ids, golden.max_new_tokens);
      expect(out).toEqual(c.variants[dtype]!.onnxruntime_output_ids);
      if (dtype === 'fp32') expect(out).toEqual(c.output_ids);
    }
  });

  it('counts the same parameters in every variant (4-bit weights as K x N)', async () => {
    const counts = new Set<number>();
    for (const dtype of dtypes) counts.add((await LoadedModel.load(folder, 'cpu', name, dtype)).info.parameterCount);
    expect(counts.size).toBe(1);
  });

  it.each(dtypes)('transformers.js produces the engine tokens for %s', async (dtype) => {
    const tjs = await import('@huggingface/transformers');
    tjs.env.allowRemoteModels = false;
    tjs.env.allowLocalModels = true;
    const onnxDir = fs.existsSync(path.join(folder, 'onnx'));
    const model = await tjs.AutoModelForCausalLM.from_pretrained(folder, {
      dtype: dtype as 'fp32',
      device: 'cpu',
      local_files_only: true,
      ...(onnxDir ? {} : { subfolder: '' }),
    });
    try {
      const c = golden.cases[0]!;
      const input = new tjs.Tensor('int64', BigInt64Array.from(c.prompt_ids.map(BigInt)), [1, c.prompt_ids.length]);
      const mask = new tjs.Tensor('int64', BigInt64Array.from(c.prompt_ids.map(() => 1n)), [1, c.prompt_ids.length]);
      const result = (await model.generate({ input_ids: input, attention_mask: mask, max_new_tokens: golden.max_new_tokens, do_sample: false, eos_token_id: [] as number[] })) as { tolist(): bigint[][] };
      const tjsTokens = result.tolist()[0]!.slice(c.prompt_ids.length).map(Number);
      const margins: { top: number; gap: number }[] = [];
      const engine = await greedy(await LoadedModel.load(folder, 'cpu', name, dtype), c.prompt_ids, golden.max_new_tokens, margins);
      expect(tjsTokens.length).toBe(golden.max_new_tokens);
      const diverge = tjsTokens.findIndex((t, i) => t !== engine[i]);
      if (diverge >= 0 && dtype.endsWith('16')) {
        // float16 logits: a divergence is accepted only where the engine's best two logits are within
        // two half-precision steps of each other (a tie that fp16 rounding decides either way).
        const { top, gap } = margins[diverge]!;
        const halfUlp = 2 ** (Math.floor(Math.log2(Math.abs(top))) - 10);
        expect(gap, `${dtype} diverges from transformers.js at token ${diverge} with a margin of ${gap}`).toBeLessThanOrEqual(2 * halfUlp);
        expect(tjsTokens.slice(0, diverge)).toEqual(engine.slice(0, diverge));
      } else {
        expect(tjsTokens).toEqual(engine);
      }
    } finally {
      await model.dispose();
    }
  });
});

describe('bad real-export folders', () => {
  const source = path.join(root, 'qwen2.5');
  const copy = (pick: (rel: string) => boolean): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-real-'));
    const walk = (rel: string) => {
      for (const e of fs.readdirSync(path.join(source, rel), { withFileTypes: true })) {
        const r = path.join(rel, e.name);
        if (e.isDirectory()) {
          fs.mkdirSync(path.join(dir, r));
          walk(r);
        } else if (pick(r)) fs.copyFileSync(path.join(source, r), path.join(dir, r));
      }
    };
    walk('');
    return dir;
  };
  const failure = async (folder: string, dtype?: string) => {
    try {
      await LoadedModel.load(folder, 'cpu', 'x', dtype);
    } catch (err) {
      return err as { code: string; message: string };
    }
    throw new Error('expected the load to fail');
  };

  it.skipIf(!fs.existsSync(source))('a folder with only fp16 and q4f16 variants loads, fp16 by default', async () => {
    const dir = copy((r) => !/model(_q4)?\.onnx/.test(r));
    const m = await LoadedModel.load(dir, 'cpu', 'x');
    expect(m.info.variants.map((v) => v.dtype)).toEqual(['fp16', 'q4f16']);
    expect(m.info.dtype).toBe('fp16');
    expect(m.info.dtypeChosen).toBe(false);
  });

  it.skipIf(!fs.existsSync(source))('a truncated .onnx_data is named, with the bytes it lacks', async () => {
    const dir = copy(() => true);
    const data = path.join(dir, 'onnx/model.onnx_data');
    fs.truncateSync(data, Math.floor(fs.statSync(data).size / 2));
    const e = await failure(dir, 'fp32');
    expect(e.code).toBe('model_corrupt');
    expect(e.message).toMatch(/model\.onnx_data is truncated/);
  });

  it.skipIf(!fs.existsSync(path.join(root, 'qwen3-gqa')))('an operator onnxruntime lacks is named', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-real-op-'));
    for (const f of fs.readdirSync(path.join(root, 'qwen3-gqa'))) fs.copyFileSync(path.join(root, 'qwen3-gqa', f), path.join(dir, f));
    // Same length, so the protobuf stays valid: GroupQueryAttention -> GroupQueryAttentioX.
    const graph = fs.readFileSync(path.join(dir, 'model.onnx'));
    fs.writeFileSync(path.join(dir, 'model.onnx'), Buffer.from(graph.toString('latin1').replaceAll('GroupQueryAttention', 'GroupQueryAttentioX'), 'latin1'));
    const e = await failure(dir, 'fp32');
    expect(e.code).toBe('model_io_unsupported');
    expect(e.message).toMatch(/uses the operator (com\.microsoft:)?GroupQueryAttentioX/);
  });

  it.skipIf(!fs.existsSync(source))('an unknown dtype names the ones there', async () => {
    const e = await failure(source, 'int8');
    expect(e.code).toBe('model_missing');
    expect(e.message).toMatch(/no int8 variant \(it has fp32, fp16, q4, q4f16\)/);
  });

  it.skipIf(!fs.existsSync(source))('a tokenizer far smaller than the model vocabulary is refused', async () => {
    const dir = copy(() => true);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    // a model with 4x the rows: pad the graph? Simpler: a tokenizer with a quarter of the tokens.
    const tok = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')) as { model: { vocab: Record<string, number>; merges?: unknown[] }; added_tokens: { id: number }[] };
    const keep = Object.fromEntries(Object.entries(tok.model.vocab).filter(([, id]) => id < 200));
    tok.model.vocab = keep;
    tok.model.merges = [];
    tok.added_tokens = tok.added_tokens.filter((t) => t.id < 200);
    fs.writeFileSync(path.join(dir, 'tokenizer.json'), JSON.stringify(tok));
    expect(config.vocab_size).toBe(768);
    const e = await failure(dir, 'fp32');
    expect(e.code).toBe('tokenizer_mismatch');
    expect(e.message).toMatch(/tokenizer has \d+ tokens but the model's vocabulary has 768/);
  });
});
