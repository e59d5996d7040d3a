// Resolves a model folder on disk: which ONNX graph to load (our layout, transformers.js / onnx-community
// `onnx/model*.onnx`, legacy `decoder_model_merged.onnx`), the manifest (workbench.json, or one inferred
// from config.json for users' exports), and a fingerprint of the files that determine its outputs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkbenchError } from '@app/errors';
import type { ModelVariant } from '@app/models';
import { DTYPE_ACCURACY_ORDER, ModelManifest } from '@app/models';
import type { ScannedGraph } from './onnx-scan';
import { ELEMENT_BYTES, scanOnnx } from './onnx-scan';

export interface ModelFiles {
  folder: string;
  /** The graph a plain forward pass uses (the chosen variant's graph). */
  model: string;
  /** Files whose bytes define the model (graphs, external weights, tokenizer): hashed into the fingerprint. */
  defining: string[];
  manifest: ModelManifest;
  /** True when the manifest was inferred from config.json rather than read from workbench.json. */
  inferred: boolean;
  /** The chosen variant, and every variant found (most accurate first). */
  variant: ModelVariant;
  variants: ModelVariant[];
  /** True when `dtype` was asked for; false when it is the default pick. */
  dtypeChosen: boolean;
  /** Bytes of every file in the folder. */
  bytesOnDisk: number;
  /** What the chosen graph declares (initializers, operators), read without loading it. */
  graph: ScannedGraph;
  /** config.json's transformers.js_config, when present. */
  transformersJsConfig: TransformersJsConfig;
}

/** The part of config.json's `transformers.js_config` the loader reads. */
export interface TransformersJsConfig {
  /** KV cache element type, per dtype or for all ('float16' / 'float32'). */
  kvCacheDtype?: Record<string, string> | string;
  /** Whether (or in how many chunks) a graph's weights are external data, per graph file or for all. */
  useExternalDataFormat?: Record<string, boolean | number> | boolean | number;
}

/** Graph files by preference for one dtype: our own and onnx-community names, then legacy merged decoders. */
const GRAPH_STEMS = ['model', 'decoder_model_merged'];
const GRAPH_DIRS = ['', 'onnx'];

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

/** The dtype a graph file name stands for: `model.onnx` fp32, `model_q4f16.onnx` q4f16, ... (null: not a model graph). */
export function dtypeOfGraph(file: string): string | null {
  for (const stem of GRAPH_STEMS) {
    if (file === `${stem}.onnx`) return 'fp32';
    const m = new RegExp(`^${stem}_([A-Za-z0-9]+)\\.onnx$`).exec(file);
    if (m) return m[1]!.toLowerCase();
  }
  return null;
}

/** Rank of a dtype by accuracy (lower is more accurate); unknown names come last. */
export function dtypeRank(dtype: string): number {
  const i = (DTYPE_ACCURACY_ORDER as readonly string[]).indexOf(dtype);
  return i < 0 ? DTYPE_ACCURACY_ORDER.length : i;
}

/** External data files beside a graph, by the names exporters give them (`model.onnx_data`, `_data_1`, `.data`). */
function externalDataBeside(dir: string, graph: string, entries: readonly string[]): string[] {
  return entries
    .filter((f) => f === `${graph}_data` || f === `${graph}.data` || new RegExp(`^${graph.replace(/\./g, '\\.')}_data_\\d+$`).test(f))
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
}

/** Every dtype variant of the model in `folder` (root and onnx/), most accurate first; `primary` is our manifest's graph. */
export function findVariants(folder: string, primary?: string): ModelVariant[] {
  const byDtype = new Map<string, ModelVariant>();
  const add = (rel: string, dtype: string) => {
    if (byDtype.has(dtype)) return; // the first place wins: our manifest's graph, then root, then onnx/; model_* before decoder_model_merged*
    const dir = path.dirname(path.join(folder, rel));
    const entries = fs.readdirSync(dir);
    const base = path.basename(rel);
    const data = new Set(externalDataBeside(dir, base, entries));
    if (base === 'model.onnx' && entries.includes('model.weights')) data.add('model.weights'); // our exporter's name
    const files = [rel, ...[...data].map((d) => path.join(path.dirname(rel), d))].map((f) => f.split(path.sep).join('/'));
    const bytes = files.reduce((sum, f) => sum + fs.statSync(path.join(folder, f)).size, 0);
    byDtype.set(dtype, { dtype, files, bytes });
  };
  if (primary && fs.existsSync(path.join(folder, primary))) add(primary, dtypeOfGraph(path.basename(primary)) ?? 'fp32');
  for (const stem of GRAPH_STEMS) {
    for (const dir of GRAPH_DIRS) {
      const abs = path.join(folder, dir);
      if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) continue;
      for (const f of fs.readdirSync(abs).sort()) {
        if (!f.startsWith(stem) || !fs.statSync(path.join(abs, f)).isFile()) continue;
        const dtype = dtypeOfGraph(f);
        if (dtype && (f === `${stem}.onnx` || f.startsWith(`${stem}_`)) && !(stem === 'model' && f.startsWith('model_exits'))) add(dir ? `${dir}/${f}` : f, dtype);
      }
    }
  }
  return [...byDtype.values()].sort((a, b) => dtypeRank(a.dtype) - dtypeRank(b.dtype));
}

function folderBytes(dir: string, depth = 0): number {
  let sum = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isFile()) sum += fs.statSync(path.join(dir, e.name)).size;
    else if (e.isDirectory() && depth < 3) sum += folderBytes(path.join(dir, e.name), depth + 1);
  }
  return sum;
}

function readTransformersJsConfig(folder: string): TransformersJsConfig {
  const file = path.join(folder, 'config.json');
  if (!fs.existsSync(file)) return {};
  const c = readJson(file)['transformers.js_config'] as Record<string, unknown> | undefined;
  if (!c || typeof c !== 'object') return {};
  return {
    ...(c.kv_cache_dtype !== undefined ? { kvCacheDtype: c.kv_cache_dtype as TransformersJsConfig['kvCacheDtype'] } : {}),
    ...(c.use_external_data_format !== undefined ? { useExternalDataFormat: c.use_external_data_format as TransformersJsConfig['useExternalDataFormat'] } : {}),
  };
}

/** The KV cache element type transformers.js_config declares for a dtype, if any. */
export function declaredKvDtype(config: TransformersJsConfig, dtype: string): 'float16' | 'float32' | null {
  const k = config.kvCacheDtype;
  const v = typeof k === 'string' ? k : k?.[dtype];
  return v === 'float16' || v === 'float32' ? v : null;
}

/**
 * Memory to load and run a variant: its weights, the KV cache at min(context, 4096) tokens in the
 * variant's I/O precision, and a 128 MiB runtime allowance.
 */
export function estimateMemory(manifest: ModelManifest, variant: ModelVariant, kvBytesPerElement: number): number {
  const tokens = Math.min(manifest.contextLength, 4096);
  const kv = 2 * manifest.layers * manifest.kvHeads * manifest.headDim * tokens * kvBytesPerElement;
  return variant.bytes + kv + 128 * 2 ** 20;
}

/** Whether a dtype's I/O (KV cache, logits) is float16 by its name: fp16 and q4f16 exports are. */
export function halfIoByName(dtype: string): boolean {
  return dtype === 'fp16' || dtype === 'q4f16' || dtype.endsWith('f16');
}

/** Memory the default pick may use: 70% of the machine's (WORKBENCH_MEMORY_BUDGET_MB overrides). */
export function memoryBudget(): number {
  const mb = Number(process.env.WORKBENCH_MEMORY_BUDGET_MB ?? 0);
  return mb > 0 ? mb * 2 ** 20 : Math.floor(os.totalmem() * 0.7);
}

/**
 * Checks that every external-data reference of a graph lies inside its file: a truncated or missing
 * `.onnx_data` is named here instead of failing deep inside onnxruntime.
 */
export function checkExternalData(graphFile: string, graph: ScannedGraph): void {
  const dir = path.dirname(graphFile);
  const need = new Map<string, { end: number; tensor: string }>();
  for (const t of graph.initializers) {
    if (!t.external) continue;
    const elements = t.dims.reduce((a, b) => a * b, 1);
    const length = t.external.length ?? Math.ceil(elements * (ELEMENT_BYTES[t.dataType] ?? 0));
    const end = t.external.offset + length;
    const cur = need.get(t.external.location);
    if (!cur || end > cur.end) need.set(t.external.location, { end, tensor: t.name });
  }
  for (const [location, { end, tensor }] of need) {
    const file = path.resolve(dir, location);
    if (path.relative(dir, file).startsWith('..')) {
      throw new WorkbenchError('model_corrupt', `${path.basename(graphFile)} points its weights outside its folder (${location})`, { file: graphFile });
    }
    if (!fs.existsSync(file)) {
      throw new WorkbenchError('model_missing', `${path.basename(graphFile)} keeps its weights in ${location}, which is missing`, { file });
    }
    const size = fs.statSync(file).size;
    if (size < end) {
      throw new WorkbenchError('model_corrupt', `${location} is truncated: ${size} bytes, but tensor ${tensor} needs bytes up to ${end} (an interrupted download?)`, { file, size, needed: end });
    }
  }
}

/**
 * Finds the files of the model in `folder` and picks a variant: `dtype` when given (model_missing
 * naming the ones there when absent), else the most accurate variant whose estimated memory fits.
 */
export function resolveModelFolder(folder: string, dtype?: string): ModelFiles {
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
  const variants = findVariants(abs, inferred ? undefined : manifest.files.model);
  if (variants.length === 0) {
    throw new WorkbenchError('model_missing', `no ONNX graph in ${abs} (looked for model.onnx, model_<dtype>.onnx and decoder_model_merged.onnx, in the folder and in onnx/)`, { folder: abs });
  }
  const tjs = readTransformersJsConfig(abs);
  let variant: ModelVariant;
  if (dtype) {
    const found = variants.find((v) => v.dtype === dtype);
    if (!found) {
      throw new WorkbenchError('model_missing', `${path.basename(abs)} has no ${dtype} variant (it has ${variants.map((v) => v.dtype).join(', ')})`, { folder: abs, dtype });
    }
    variant = found;
  } else {
    const budget = memoryBudget();
    const kvBytes = (v: ModelVariant) => ((declaredKvDtype(tjs, v.dtype) ?? (halfIoByName(v.dtype) ? 'float16' : 'float32')) === 'float16' ? 2 : 4);
    variant = variants.find((v) => estimateMemory(manifest, v, kvBytes(v)) <= budget) ?? [...variants].sort((a, b) => a.bytes - b.bytes)[0]!;
  }
  const model = path.join(abs, variant.files[0]!);
  if (!fs.existsSync(path.join(abs, 'tokenizer.json'))) {
    throw new WorkbenchError('tokenizer_missing', `tokenizer.json not found in ${abs}`, { folder: abs });
  }
  const size = fs.statSync(model).size;
  if (size < 64) throw new WorkbenchError('model_corrupt', `${model} is truncated (${size} bytes)`, { file: model });
  let graph: ScannedGraph;
  try {
    graph = scanOnnx(model);
  } catch (err) {
    throw new WorkbenchError('model_corrupt', `${variant.files[0]} is not a readable ONNX file (truncated or damaged?): ${(err as Error).message}`, { file: model });
  }
  checkExternalData(model, graph);
  const defining = [...variant.files.map((f) => path.join(abs, f)), path.join(abs, 'tokenizer.json')];
  return { folder: abs, model, defining, manifest, inferred, variant, variants, dtypeChosen: Boolean(dtype), bytesOnDisk: folderBytes(abs), graph, transformersJsConfig: tjs };
}

/** Files above this size are fingerprinted by samples (see fingerprint). */
const SAMPLED_ABOVE = 64 * 2 ** 20;
const SAMPLE = 4 * 2 ** 20;

/**
 * sha256 over the defining files (name, size and content), shortened: equal fingerprints, equal
 * model. Files over 64 MiB contribute their size and sixteen evenly spaced 4 MiB samples (first and
 * last included), so a multi-GB model is fingerprinted in milliseconds; exported weights never differ
 * only between samples in practice (any retrain or requantization changes every block).
 */
export function fingerprint(files: string[]): string {
  const h = crypto.createHash('sha256');
  for (const f of [...files].sort()) {
    h.update(path.basename(f));
    const size = fs.statSync(f).size;
    if (size <= SAMPLED_ABOVE) {
      h.update(fs.readFileSync(f));
      continue;
    }
    h.update(String(size));
    const fd = fs.openSync(f, 'r');
    try {
      const buf = Buffer.alloc(SAMPLE);
      for (let i = 0; i < 16; i++) {
        const at = Math.floor(((size - SAMPLE) * i) / 15);
        h.update(buf.subarray(0, fs.readSync(fd, buf, 0, SAMPLE, at)));
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  return h.digest('hex').slice(0, 16);
}
