// Engine benchmark (issue "Foundation", item 9): autoregressive greedy decoding of the workbench
// engine against @huggingface/transformers' generate() on the same ONNX file, same provider, same
// prompt, measured side by side in one process, alternating engines per repeat. Reports TTFT and
// decode tokens/s (tokens after the first over the time after the first) and checks that both
// produced the same tokens. transformers.js does not feed attention_bias, so it gets a copy of the
// graph where that input is a zero constant (identical math: the bias is added to the causal mask).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CollectingEngine, EMBEDDED_MODELS } from '../engine/in-process';
import { generateSuite } from '@app/tasks/suite';
import { inputToZeroInitializer } from './onnx-surgery';

export interface EngineBenchOptions {
  provider: 'cpu' | 'webgpu';
  /** Cap on new tokens (generation usually ends earlier at the end-of-turn token). */
  tokens: number;
  repeats: number;
  model?: string;
  out?: (line: string) => void;
}

export interface EngineBenchRow {
  engine: 'workbench' | 'transformers.js';
  ttftMs: number;
  decodeTokensPerS: number;
  tokens: number;
}

export interface EngineBenchResult {
  rows: EngineBenchRow[];
  identical: boolean;
  promptTokens: number;
}

/** A folder transformers.js can load: onnx/model.onnx (+ weights) and a llama-type config. */
export function transformersJsCopy(modelDir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, 'workbench.json'), 'utf8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-tjs-'));
  fs.mkdirSync(path.join(dir, 'onnx'));
  const graph = inputToZeroInitializer(fs.readFileSync(path.join(modelDir, 'model.onnx')), 'attention_bias', [1, 1, 1, 1]);
  fs.writeFileSync(path.join(dir, 'onnx', 'model.onnx'), graph);
  fs.copyFileSync(path.join(modelDir, 'model.weights'), path.join(dir, 'onnx', 'model.weights'));
  for (const f of ['tokenizer.json', 'tokenizer_config.json']) fs.copyFileSync(path.join(modelDir, f), path.join(dir, f));
  const config = {
    model_type: 'llama',
    architectures: ['LlamaForCausalLM'],
    hidden_size: manifest.hiddenSize,
    num_attention_heads: manifest.heads,
    num_key_value_heads: manifest.kvHeads,
    head_dim: manifest.headDim,
    num_hidden_layers: manifest.layers,
    vocab_size: manifest.vocabSize,
    max_position_embeddings: manifest.contextLength,
    eos_token_id: 1,
    pad_token_id: 0,
    bos_token_id: null,
  };
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  fs.writeFileSync(path.join(dir, 'generation_config.json'), JSON.stringify({ eos_token_id: 1, pad_token_id: 0 }));
  return dir;
}

/** Runs the comparison and prints a Markdown table. */
export async function runEngineBench(opts: EngineBenchOptions): Promise<EngineBenchResult> {
  const out = opts.out ?? (() => undefined);
  const modelName = opts.model ?? 'base';
  const modelDir = EMBEDDED_MODELS[modelName]!;
  const tjs = await import('@huggingface/transformers');
  tjs.env.allowRemoteModels = false;
  tjs.env.allowLocalModels = true;
  const copy = transformersJsCopy(modelDir);
  const peer = await tjs.AutoModelForCausalLM.from_pretrained(copy, { device: opts.provider, dtype: 'fp32', local_files_only: true });

  const engine = new CollectingEngine();
  // A long, deterministic reasoning trace: the hardest in-distribution variables problem.
  const problem = generateSuite({ families: ['variables'], difficulties: [8], countPerCell: 1, seed: 11, split: 'test' })[0]!;
  const request = {
    prompt: { kind: 'text', text: problem.question },
    config: { method: 'autoregressive', models: { model: { model: modelName, provider: opts.provider } }, sampling: { maxNewTokens: opts.tokens, topLogprobs: 0 } },
  };
  const warm = await engine.run(request, { [modelName]: modelDir });
  const promptText = warm.started!.promptText;
  // The engine's own tokenizer for this model (already loaded by the warm-up run).
  const { tokenizer } = await engine.loader.load(modelDir, opts.provider, modelName);
  const promptIds = tokenizer.encode(promptText);
  const inputIds = new tjs.Tensor('int64', BigInt64Array.from(promptIds.map(BigInt)), [1, promptIds.length]);
  const attention = new tjs.Tensor('int64', new BigInt64Array(promptIds.length).fill(1n), [1, promptIds.length]);

  const peerRun = async (): Promise<{ ids: number[]; times: number[]; start: number }> => {
    const times: number[] = [];
    let first = true;
    // A BaseStreamer: only put/end are called by generate().
    const streamer = new (class extends tjs.BaseStreamer {
      override put(): void {
        // generate() calls put() once with the prompt, then once per new token
        if (first) {
          first = false;
          return;
        }
        times.push(performance.now());
      }
      override end(): void {}
    })();
    const start = performance.now();
    const result = (await peer.generate({ input_ids: inputIds, attention_mask: attention, max_new_tokens: opts.tokens, do_sample: false, streamer: streamer as unknown as InstanceType<typeof tjs.TextStreamer> })) as { tolist(): bigint[][] };
    const ids = result.tolist()[0]!.slice(promptIds.length).map(Number);
    return { ids, times, start };
  };
  await peerRun(); // warm-up

  const rows: EngineBenchRow[] = [];
  let identical = true;
  for (let r = 0; r < opts.repeats; r++) {
    const ours = await engine.run(request, { [modelName]: modelDir });
    const m = ours.finished.metrics!;
    rows.push({ engine: 'workbench', ttftMs: m.ttftMs ?? NaN, decodeTokensPerS: m.decodeTokensPerS ?? NaN, tokens: m.newTokens });
    const theirs = await peerRun();
    const ids = theirs.ids.filter((id) => !tokenizer.eosIds.has(id));
    identical &&= JSON.stringify(ids) === JSON.stringify(ours.ids);
    const n = theirs.times.length;
    rows.push({
      engine: 'transformers.js',
      ttftMs: theirs.times[0]! - theirs.start,
      decodeTokensPerS: n > 1 ? ((n - 1) / (theirs.times[n - 1]! - theirs.times[0]!)) * 1000 : NaN,
      tokens: ids.length,
    });
  }
  await peer.dispose();
  fs.rmSync(copy, { recursive: true, force: true });

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = (['workbench', 'transformers.js'] as const).map((e) => {
    const rs = rows.filter((r) => r.engine === e);
    return { engine: e, ttft: median(rs.map((r) => r.ttftMs)), tps: median(rs.map((r) => r.decodeTokensPerS)), tokens: rs[0]!.tokens };
  });
  out(`Model ${modelName}, provider ${opts.provider}, prompt ${promptIds.length} tokens, greedy, median of ${opts.repeats} alternating repeats`);
  out('');
  out('| engine | TTFT ms | decode tok/s | tokens |');
  out('| --- | --- | --- | --- |');
  for (const s of summary) out(`| ${s.engine} | ${s.ttft.toFixed(2)} | ${s.tps.toFixed(1)} | ${s.tokens} |`);
  out('');
  out(`decode speed ratio (workbench / transformers.js): ${(summary[0]!.tps / summary[1]!.tps).toFixed(2)}x; identical tokens: ${identical ? 'yes' : 'NO'}`);
  return { rows, identical, promptTokens: promptIds.length };
}
