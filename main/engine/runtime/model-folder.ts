// Resolves a model folder on disk: which ONNX graph to load (our layout, transformers.js / onnx-community
// `onnx/model*.onnx`, legacy `decoder_model_merged.onnx`), the manifest (workbench.json, or one inferred
// from config.json for users' exports), and a fingerprint of the files that determine its outputs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../../app/errors';
import { ModelManifest } from '../../../app/models';

export interface ModelFiles {
  folder: string;
  /** The graph a plain forward pass uses. */
  model: string;
  /** Files whose bytes define the model (graphs, external weights, tokenizer): hashed into the fingerprint. */
  defining: string[];
  manifest: ModelManifest;
  /** True when the manifest was inferred from config.json rather than read from workbench.json. */
  inferred: boolean;
}

const GRAPH_PREFERENCE = ['model.onnx', 'onnx/model.onnx', 'onnx/model_quantized.onnx', 'onnx/model_q4.onnx', 'decoder_model_merged.onnx', 'onnx/decoder_model_merged.onnx'];

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new WorkbenchError('model_corrupt', `${path.basename(file)} is not valid JSON: ${(err as Error).message}`, { file });
  }
}

function num(config: Record<string, unknown>, ...keys: string[]): number | undefined {
  for (const k of keys) if (typeof config[k] === 'number') return config[k] as number;
  return undefined;
}

/** A manifest for a folder without workbench.json, from its Hugging Face config.json. */
export function inferManifest(folder: string): ModelManifest {
  const configFile = path.join(folder, 'config.json');
  if (!fs.existsSync(configFile)) {
    throw new WorkbenchError('model_missing', `neither workbench.json nor config.json in ${folder}`, { folder });
  }
  const c = readJson(configFile);
  const hidden = num(c, 'hidden_size', 'n_embd') ?? 0;
  const heads = num(c, 'num_attention_heads', 'n_head') ?? 1;
  const layers = num(c, 'num_hidden_layers', 'n_layer') ?? 1;
  const experts = num(c, 'num_experts', 'num_local_experts');
  const eosId = Array.isArray(c.eos_token_id) ? c.eos_token_id[0] : c.eos_token_id;
  return ModelManifest.parse({
    schema: 1,
    name: path.basename(folder),
    description: `Imported ${String(c.model_type ?? 'model')} export`,
    family: experts ? 'moe' : 'dense',
    architecture: String(c.model_type ?? 'unknown'),
    parameters: 1,
    layers,
    hiddenSize: Math.max(1, hidden),
    heads,
    kvHeads: num(c, 'num_key_value_heads') ?? heads,
    headDim: num(c, 'head_dim') ?? Math.max(1, Math.floor(hidden / heads)),
    vocabSize: num(c, 'vocab_size') ?? 1,
    contextLength: num(c, 'max_position_embeddings', 'n_positions', 'seq_length') ?? 2048,
    ...(experts
      ? { moe: { layers: [...Array(layers).keys()], experts, topK: num(c, 'num_experts_per_tok') ?? 2, normTopK: Boolean(c.norm_topk_prob) } }
      : {}),
    specialTokens: { eos: typeof eosId === 'number' ? `#${eosId}` : '' },
    training: { inferredFrom: 'config.json' },
  });
}

/** Finds the files of the model in `folder`; throws model_missing with the path when absent. */
export function resolveModelFolder(folder: string): ModelFiles {
  const abs = path.resolve(folder);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    throw new WorkbenchError('model_missing', `model folder not found: ${abs}`, { folder: abs });
  }
  const manifestFile = path.join(abs, 'workbench.json');
  let manifest: ModelManifest;
  let inferred = false;
  if (fs.existsSync(manifestFile)) {
    const parsed = ModelManifest.safeParse(readJson(manifestFile));
    if (!parsed.success) {
      throw new WorkbenchError('model_corrupt', `workbench.json is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, { folder: abs });
    }
    manifest = parsed.data;
  } else {
    manifest = inferManifest(abs);
    inferred = true;
  }
  const candidates = [manifest.files.model, ...GRAPH_PREFERENCE];
  const model = candidates.map((c) => path.join(abs, c)).find((p) => fs.existsSync(p));
  if (!model) {
    throw new WorkbenchError('model_missing', `no ONNX graph in ${abs} (looked for ${candidates.join(', ')})`, { folder: abs });
  }
  if (!fs.existsSync(path.join(abs, 'tokenizer.json'))) {
    throw new WorkbenchError('tokenizer_missing', `tokenizer.json not found in ${abs}`, { folder: abs });
  }
  const defining = [model, path.join(abs, 'tokenizer.json')];
  for (const f of fs.readdirSync(path.dirname(model))) {
    if (/\.(weights|onnx_data|onnx\.data|data)$/.test(f) || /\.onnx_data_\d+$/.test(f)) defining.push(path.join(path.dirname(model), f));
  }
  return { folder: abs, model, defining, manifest, inferred };
}

/** sha256 over the defining files (name, size and content), shortened: equal fingerprints, equal model. */
export function fingerprint(files: string[]): string {
  const h = crypto.createHash('sha256');
  for (const f of [...files].sort()) {
    h.update(path.basename(f));
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex').slice(0, 16);
}
