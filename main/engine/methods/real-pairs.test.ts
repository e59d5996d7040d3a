// Methods on real-architecture pairs (native-models/tools/fixtures/real): a plain onnx-community
// Qwen3 export drafts for the GroupQueryAttention build of the same weights (no position_ids, no
// attention_bias). Greedy chain SD, Token Recycling and RSD must give exactly the target's own greedy
// tokens (Token Recycling and RSD verify paths as batches, grouped by length since the GQA graph
// derives positions from the mask); EAD and SpecReason run; models without a shared tokenizer, and
// DEL / RICE on a model that lacks their inputs, are refused by name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CollectingEngine } from '../in-process';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../native-models/tools/fixtures/real');
const models = { small: path.join(fixtures, 'qwen3'), large: path.join(fixtures, 'qwen3-gqa') };
const present = fs.existsSync(models.large);
const prompt = { kind: 'raw', text: 'a = 7. b = a + 5. What is b?' };
const sampling = { maxNewTokens: 24, topLogprobs: 0 };

describe.skipIf(!present)('methods on a real-architecture pair (plain Qwen3 drafting for its GQA build)', () => {
  const engine = new CollectingEngine();
  const run = (config: Record<string, unknown>, paths: Record<string, string> = models) => engine.run({ prompt, config: { ...config, sampling } }, paths);
  let reference: number[] = [];

  it('the target alone (reference greedy tokens)', async () => {
    const r = await run({ method: 'autoregressive', models: { model: { model: 'large' } } });
    expect(r.finished.status).toBe('completed');
    reference = r.ids;
    expect(reference.length).toBeGreaterThan(0);
  });

  it.each([
    ['chain SD', { method: 'chain_sd', models: { target: { model: 'large' }, draft: { model: 'small' } } }],
    ['Token Recycling (batched paths)', { method: 'token_recycling', models: { target: { model: 'large' } }, params: { tree: 'tr-20' } }],
    ['RSD (batched paths)', { method: 'rsd', models: { target: { model: 'large' }, draft: { model: 'small' } } }],
  ])('%s gives the target greedy tokens exactly', async (_name, config) => {
    const r = await run(config);
    expect(r.finished.error).toBeNull();
    expect(r.ids).toEqual(reference);
  });

  it('EAD switches between the two', async () => {
    const r = await run({ method: 'ead', models: { small: { model: 'small' }, large: { model: 'large' } } });
    expect(r.finished.error).toBeNull();
    expect(r.ids.length).toBeGreaterThan(0);
  });

  it("SpecReason judges with the paper's scoring prompt on a model that was not trained as a judge", async () => {
    const r = await engine.run({ prompt: { kind: 'text', text: 'a = 7. b = a + 5. What is b?' }, config: { method: 'specreason', models: { small: { model: 'small' }, large: { model: 'large' } }, params: { tokenBudget: 24, stepTokenCap: 8 }, sampling } }, models);
    expect(r.finished.error).toBeNull();
    expect(r.events.some((e) => e.kind === 'step')).toBe(true);
  });

  it('refuses two models that do not share a tokenizer, naming both', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-pair-'));
    fs.cpSync(models.small, dir, { recursive: true });
    const tok = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')) as { model: { vocab: Record<string, number> } };
    const [a, b] = Object.keys(tok.model.vocab).filter((k) => tok.model.vocab[k]! > 100).slice(0, 2) as [string, string];
    [tok.model.vocab[a], tok.model.vocab[b]] = [tok.model.vocab[b]!, tok.model.vocab[a]!]; // same size, different ids
    fs.writeFileSync(path.join(dir, 'tokenizer.json'), JSON.stringify(tok));
    const r = await run({ method: 'chain_sd', models: { target: { model: 'large' }, draft: { model: 'other' } } }, { ...models, other: dir });
    expect(r.finished.error?.code).toBe('tokenizer_mismatch');
    expect(r.finished.error?.message).toMatch(/do not share a tokenizer \((\d+) vs \1 tokens, different tokens\)/);
  });

  it('DEL and RICE are refused with what the folder lacks', async () => {
    const del = await run({ method: 'del', models: { target: { model: 'large' } } });
    expect(del.finished.error?.message).toMatch(/no early-exit graphs/);
    const rice = await run({ method: 'rice', models: { model: { model: 'large' } } });
    expect(rice.finished.error?.message).toMatch(/router_logits output.*router_bias input/);
  });
});

describe('our exporter keeps the extra inputs in its 4-bit variants', () => {
  const moe = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../native-models/tools/fixtures/hf-tiny/qwen3_moe');

  it.each(['fp32', 'q4', 'q4f16'])('RICE steers the %s variant of export_hf.py Qwen3-MoE (router inputs float16 in q4f16)', async (dtype) => {
    const engine = new CollectingEngine();
    const r = await engine.run(
      { prompt, config: { method: 'rice', models: { model: { model: 'moe', dtype } }, params: { experts: [{ layer: 0, expert: 1 }], beta: 64 }, sampling } },
      { moe },
    );
    expect(r.finished.error).toBeNull();
    // The steered passes ran and recorded their routing.
    const routes = r.events.filter((e) => e.kind === 'route');
    expect(routes.length).toBeGreaterThan(0);
  });
});
