// The runtime against the real embedded models: KV-cache decoding equals one full pass, a tree mask
// equals running each path alone, the batch-of-paths fallback equals both, and every bad input
// (missing folder, truncated or corrupt graph, foreign tokenizer, unknown or unavailable provider)
// fails with its own specific error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Provider } from '@app/models';
import { EMBEDDED_MODELS } from '../in-process';
import { KvCache } from './kv-cache';
import { LoadedModel, logitsRow, treeBias } from './loaded-model';

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function copyModel(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wb-${name}-`));
  for (const f of fs.readdirSync(EMBEDDED_MODELS[name]!)) fs.copyFileSync(path.join(EMBEDDED_MODELS[name]!, f), path.join(dir, f));
  return dir;
}

async function loadError(folder: string, provider: Provider = 'cpu'): Promise<{ code: string; message: string }> {
  try {
    await LoadedModel.load(folder, provider);
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the load to fail');
}

describe('forward passes', () => {
  it('token-by-token through the KV cache equals one full pass', async () => {
    const m = await LoadedModel.load(EMBEDDED_MODELS.base!, 'cpu');
    const seq = m.tokenizer.encode('<|user|>a = 7. b = a + 5. What is b?<|end|><|assistant|><think>b = 7 + 5 = 12');
    const full = await m.forward(new KvCache(m.kvLayout), seq);
    const cache = new KvCache(m.kvLayout);
    let worst = 0;
    for (let i = 0; i < seq.length; i++) {
      const r = await m.forward(cache, [seq[i]!]);
      cache.commit(r.present, [seq[i]!]);
      worst = Math.max(worst, maxAbsDiff(logitsRow(r, 0), logitsRow(full, i)));
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it('a tree mask gives each node the logits of its path run alone, and so does the batch fallback', async () => {
    const m = await LoadedModel.load(EMBEDDED_MODELS.base!, 'cpu');
    const ctx = m.tokenizer.encode('<|user|>Mia has 12 marbles.<|end|><|assistant|><think>12');
    const cache = new KvCache(m.kvLayout);
    const pre = await m.forward(cache, ctx);
    cache.commit(pre.present, ctx);
    // root R, children A B; A's children C D; B's child E (draft order R A B C D E)
    const tokens = [m.tokenizer.encode(' +')[0]!, ...m.tokenizer.encode(' 5 3 =').slice(0, 5)];
    const parents = [-1, 0, 0, 1, 1, 2];
    const tree = await m.forward(cache, tokens, { parents });
    const paths = [[0, 1, 3], [0, 1, 4], [0, 2, 5]];
    const rows = paths.map((p) => p.map((i) => tokens[i]!));
    const batch = await m.forwardBatch(cache, rows);
    for (const [k, p] of paths.entries()) {
      const alone = await m.forward(cache, rows[k]!);
      p.forEach((node, depth) => {
        expect(maxAbsDiff(logitsRow(tree, node), logitsRow(alone, depth))).toBeLessThan(1e-3);
        expect(maxAbsDiff(logitsRow(batch[k]!, depth), logitsRow(alone, depth))).toBeLessThan(1e-3);
      });
    }
    // committing the accepted path R-A-D leaves the cache as if that path had been fed alone
    const c2 = cache.clone();
    c2.commit(tree.present, tokens, [0, 1, 4]);
    const next = await m.forward(c2, [tokens[0]!]);
    const viaPath = cache.clone();
    const fed = [0, 1, 4].map((i) => tokens[i]!);
    const rp = await m.forward(viaPath, fed);
    viaPath.commit(rp.present, fed);
    const next2 = await m.forward(viaPath, [tokens[0]!]);
    expect(maxAbsDiff(logitsRow(next, 0), logitsRow(next2, 0))).toBeLessThan(1e-3);
  });

  it('builds the tree bias: past visible, ancestors and self visible, others masked', () => {
    const bias = treeBias([-1, 0, 0, 1], 2);
    const T = 6;
    const visible = (i: number) => [...Array(T).keys()].filter((j) => bias[i * T + j] === 0);
    expect(visible(0)).toEqual([0, 1, 2]);
    expect(visible(2)).toEqual([0, 1, 2, 4]);
    expect(visible(3)).toEqual([0, 1, 2, 3, 5]);
  });
});

describe('bad model folders', () => {
  it('names a missing folder', async () => {
    const e = await loadError('/nonexistent/model/folder');
    expect(e.code).toBe('model_missing');
    expect(e.message).toContain('/nonexistent/model/folder');
  });

  it('reports a truncated graph as corrupt', async () => {
    const dir = copyModel('draft');
    const file = path.join(dir, 'model.onnx');
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 2000));
    const e = await loadError(dir);
    expect(e.code).toBe('model_corrupt');
    expect(e.message).toContain('model.onnx');
  });

  it('reports garbage bytes as corrupt', async () => {
    const dir = copyModel('draft');
    fs.writeFileSync(path.join(dir, 'model.onnx'), Buffer.alloc(4096, 7));
    expect((await loadError(dir)).code).toBe('model_corrupt');
  });

  it('refuses a tokenizer with more tokens than the model has logits', async () => {
    const dir = copyModel('draft');
    const file = path.join(dir, 'tokenizer.json');
    const tok = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (let i = 0; i < 300; i++) tok.added_tokens.push({ id: 800 + i, content: `<extra_${i}>`, special: true, normalized: false, lstrip: false, rstrip: false, single_word: false });
    fs.writeFileSync(file, JSON.stringify(tok));
    const e = await loadError(dir);
    expect(e.code).toBe('tokenizer_mismatch');
    expect(e.message).toMatch(/1100 tokens .* 768/);
  });

  it('names a missing tokenizer', async () => {
    const dir = copyModel('draft');
    fs.rmSync(path.join(dir, 'tokenizer.json'));
    expect((await loadError(dir)).code).toBe('tokenizer_missing');
  });

  it('refuses an unknown provider and names webgpu when it cannot start', async () => {
    const e = await loadError(EMBEDDED_MODELS.draft!, 'vulkan' as Provider);
    expect(e.code).toBe('unknown_provider');
    let webgpu: LoadedModel | null = null;
    try {
      webgpu = await LoadedModel.load(EMBEDDED_MODELS.draft!, 'webgpu');
    } catch (err) {
      expect((err as { code: string }).code).toBe('provider_failed');
      expect((err as Error).message).toContain('webgpu');
    }
    if (webgpu) expect(webgpu.provider).toBe('webgpu'); // a machine with a GPU adapter
  });
});
