// A model ready to run: its ONNX session(s) on a chosen execution provider, tokenizer, manifest and
// discovered I/O, and the forward pass every method builds on: any number of new tokens at once with
// logits for every position, optional tree attention (parents -> attention_bias + positions), MoE
// steering inputs, early-exit graphs, and a batched variant for models without attention_bias.
import ort from 'onnxruntime-node';
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '@app/errors';
import type { ModelCapabilities, ModelInfo, ModelManifest, Provider } from '@app/models';
import { providers } from '@app/models';
import { kvGatherModel } from './gather-graph';
import type { DeviceDownload, DeviceGather, KvCache, KvData, KvHost, PresentKv } from './kv-cache';
import { emptyKv, isDeviceKv } from './kv-cache';
import type { KvLayout, ModelIO } from './model-io';
import { readModelIO } from './model-io';
import { halfToFloat, floatToHalf } from './half';
import { estimateMemory, fingerprint, resolveModelFolder } from './model-folder';
import { countParameters } from './onnx-scan';
import { cudaProviderInstalled } from './providers';
import { WorkbenchTokenizer } from './tokenizer';

/** Additive mask value for positions a tree node must not attend to. */
export const MASKED = -1e9;

export interface ForwardOptions {
  /**
   * Tree attention: for each fed token, the index (into the fed tokens) of its parent, or -1 when its
   * parent is the cache's last position. Positions become past + depth - 1.
   */
  parents?: readonly number[];
  /** Steering inputs for MoE graphs, [moeLayers * experts] each; renorm 1 or 0. */
  routerBias?: Float32Array;
  routerScale?: Float32Array;
  routerRenorm?: number;
  /** Run an early-exit graph (only the first `exitLayer` layers) instead of the full graph. */
  exitLayer?: number;
  /** Run the graph that also returns exit_logits.{l} for every exit layer. */
  withExitLogits?: boolean;
}

export interface ForwardResult {
  /** [fed, vocab] row-major. */
  logits: Float32Array;
  vocab: number;
  present: PresentKv;
  exitLogits: Map<number, Float32Array>;
  /** [moeLayers, fed, experts] raw router logits (before steering). */
  routerLogits: Float32Array | null;
  ms: number;
}

/** Inputs of `forwardRows`: B rows, each with its own past (see there). */
export interface RowsInput {
  batch: number;
  /** [B, S] token ids, row-major. */
  ids: ArrayLike<number>;
  /** [B, S] position of each fed token. */
  positions: ArrayLike<number>;
  /** [B, past + S]: 1 where a row may attend, 0 for padding. */
  mask: ArrayLike<number>;
  /** Per layer, [B, heads, length, headDim] keys and values (empty arrays when length is 0). */
  past: { keys: readonly KvHost[]; values: readonly KvHost[]; length: number };
  /** [B, 1, S, past + S] additive attention bias (graphs with attention_bias only). */
  bias?: Float32Array;
  /**
   * Arrays of exactly [B, heads, past + S, headDim] elements per layer that the presents are written
   * into (reused buffers: no fresh allocation per pass, which dominates small models' passes).
   */
  presentInto?: { keys: readonly KvHost[]; values: readonly KvHost[] };
}

/** Output of `forwardRows`: logits [B, S, vocab] and per-layer presents [B, heads, length, headDim]. */
export interface RowsResult {
  logits: Float32Array;
  vocab: number;
  keys: KvHost[];
  values: KvHost[];
  length: number;
}

export function logitsRow(result: Pick<ForwardResult, 'logits' | 'vocab'>, i: number): Float32Array {
  return result.logits.subarray(i * result.vocab, (i + 1) * result.vocab);
}

/** A session over a model file, or over model bytes built in memory (`name` then names it in errors). */
async function createSession(file: string | Uint8Array, provider: Provider, outputsOnDevice: string[] = [], name = typeof file === 'string' ? path.basename(file) : 'an in-memory graph'): Promise<ort.InferenceSession> {
  if (!(providers as readonly string[]).includes(provider)) {
    throw new WorkbenchError('unknown_provider', `unknown execution provider "${provider}" (choose one of ${providers.join(', ')})`);
  }
  if (provider === 'cuda' && !cudaProviderInstalled()) {
    throw new WorkbenchError('unknown_provider', 'the cuda provider is not installed here: onnxruntime-node fetches it at install time on Linux x64 where nuget.org is reachable (node scripts/fetch-ort-cuda.mjs)', { provider });
  }
  const threads = Number(process.env.WORKBENCH_THREADS ?? 0);
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: provider === 'webgpu' ? [{ name: 'webgpu' }] : provider === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
    graphOptimizationLevel: 'all',
    ...(threads > 0 ? { intraOpNumThreads: threads } : {}),
  };
  if (provider === 'webgpu' && outputsOnDevice.length > 0) {
    // The KV cache stays in GPU buffers between passes (as transformers.js does); logits come home.
    options.preferredOutputLocation = Object.fromEntries(outputsOnDevice.map((n) => [n, 'gpu-buffer' as const]));
    try {
      return await open(file, options);
    } catch {
      delete options.preferredOutputLocation; // a graph whose outputs are named otherwise: host outputs
    }
  }
  try {
    return await open(file, options);
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    const op = unsupportedOperator(message);
    if (op) {
      throw new WorkbenchError('model_io_unsupported', `${name} uses the operator ${op}, which onnxruntime-node cannot run on the ${provider} provider: choose another variant (dtype) or export without it`, { operator: op, provider });
    }
    if (provider !== 'cpu') {
      throw new WorkbenchError('provider_failed', `the ${provider} execution provider could not start for ${name}: ${message}`, { provider });
    }
    throw new WorkbenchError('model_corrupt', `onnxruntime could not load ${typeof file === 'string' ? file : name}: ${message}`, { file: typeof file === 'string' ? file : name });
  }
}

/** The operator an onnxruntime load error says it has no kernel or schema for (domain:Op), if that is the error. */
export function unsupportedOperator(message: string): string | null {
  const patterns = [
    /Could not find an implementation for ([A-Za-z0-9_]+)\(\d+\)/,
    /([A-Za-z0-9_.]+:[A-Za-z0-9_]+)\(-?\d+\) is not a registered function\/op/,
    /No Op registered for ([A-Za-z0-9_]+) with domain_version/,
    /No opset import for domain '([^']+)'/,
  ];
  for (const p of patterns) {
    const m = p.exec(message);
    if (m) return m[1]!;
  }
  return null;
}

function open(file: string | Uint8Array, options: ort.InferenceSession.SessionOptions): Promise<ort.InferenceSession> {
  // Two calls because create's overloads take a path or bytes, not their union.
  return typeof file === 'string' ? ort.InferenceSession.create(file, options) : ort.InferenceSession.create(file, options);
}

function int64(values: ArrayLike<number>, dims: number[]): ort.Tensor {
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = BigInt(values[i]!);
  return new ort.Tensor('int64', data, dims);
}

export class LoadedModel {
  /** Sessions besides the main one (exit graphs, GPU-output variants), by file and device layers. */
  private sessions = new Map<string, Promise<ort.InferenceSession>>();
  /** Gather graphs by input count and output place: GPU outputs roll back a device cache, host outputs download it. */
  private gatherSessions = new Map<string, Promise<ort.InferenceSession>>();

  private constructor(
    readonly info: ModelInfo,
    readonly manifest: ModelManifest,
    readonly tokenizer: WorkbenchTokenizer,
    readonly io: ModelIO,
    readonly provider: Provider,
    private readonly session: ort.InferenceSession,
    private readonly folder: string,
    private readonly graphFile: string,
    /** Whether the main session leaves its presents on the GPU (webgpu, unless WORKBENCH_WEBGPU_KV=host). */
    private readonly deviceKv: boolean,
    /**
     * Whether forwardRows may run rows with their own pasts (padding anywhere in a row's past): it
     * needs position_ids, and no GroupQueryAttention (its CPU kernel takes one row when several tokens
     * follow a past, and reads each row's past length from the mask).
     */
    readonly rowsBatchable = false,
  ) {}

  /** Frees the native memory of every session of this model; the object must not be used afterwards. */
  async release(): Promise<void> {
    const extra = await Promise.allSettled([...this.sessions.values(), ...this.gatherSessions.values()]);
    this.sessions.clear();
    this.gatherSessions.clear();
    for (const s of [this.session, ...extra.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))]) await s.release();
  }

  /**
   * Loads a model folder on a provider, as the `dtype` variant (default: the most accurate that fits
   * memory); every failure is a WorkbenchError naming what is wrong.
   */
  static async load(folder: string, provider: Provider = 'cpu', id?: string, dtype?: string): Promise<LoadedModel> {
    const files = resolveModelFolder(folder, dtype);
    // On webgpu the main session keeps its presents in GPU buffers (one copy of the weights on the GPU;
    // passes that need host caches use a second, host-output session made only when first needed).
    const deviceKv = provider === 'webgpu' && process.env.WORKBENCH_WEBGPU_KV !== 'host';
    const presents = deviceKv ? [...Array(files.manifest.layers).keys()].flatMap((i) => [`present.${i}.key`, `present.${i}.value`]) : [];
    const session = await createSession(files.model, provider, presents);
    const manifest = files.manifest;
    const io = readModelIO(session, { kvHeads: manifest.kvHeads, headDim: manifest.headDim, layers: manifest.layers });
    const eosFromManifest = manifest.specialTokens.eos.startsWith('#') ? [Number(manifest.specialTokens.eos.slice(1))] : [];
    const tokenizer = WorkbenchTokenizer.load(files.folder, eosFromManifest);
    const logits = io.outputs.find((o) => o.name === 'logits')!;
    const graphVocab = typeof logits.shape[2] === 'number' ? logits.shape[2] : manifest.vocabSize;
    if (!files.inferred && manifest.vocabSize !== graphVocab) {
      throw new WorkbenchError('model_corrupt', `workbench.json says vocabSize ${manifest.vocabSize} but the graph's logits have ${graphVocab}`);
    }
    // Exports pad the embedding past the tokenizer (Qwen2.5: 151936 rows for 151665 tokens; Phi-3: 32064
    // for 32011), never by more than a fraction of a percent; a foreign tokenizer misses by far more.
    const slack = Math.max(256, Math.ceil(graphVocab * 0.005));
    if (tokenizer.vocabSize > graphVocab || tokenizer.vocabSize < graphVocab - slack) {
      throw new WorkbenchError(
        'tokenizer_mismatch',
        `the tokenizer has ${tokenizer.vocabSize} tokens but the model's vocabulary has ${graphVocab}: this tokenizer does not belong to this model`,
        { tokenizerVocab: tokenizer.vocabSize, modelVocab: graphVocab },
      );
    }
    if (manifest.specialTokens.eos && !manifest.specialTokens.eos.startsWith('#') && tokenizer.tokenToId(manifest.specialTokens.eos) === undefined) {
      throw new WorkbenchError('tokenizer_mismatch', `the tokenizer lacks the model's end-of-turn token ${manifest.specialTokens.eos}`);
    }
    const parameterCount = countParameters(files.graph);
    const manifestFixed: ModelManifest = files.inferred
      ? { ...manifest, vocabSize: graphVocab, layers: io.kv.layers || manifest.layers, parameters: Math.max(1, parameterCount), kvHeads: io.kv.heads, headDim: io.kv.headDim }
      : manifest;
    const exitGraphs = Object.keys(manifest.exitGraphs)
      .map(Number)
      .filter((l) => fs.existsSync(path.join(files.folder, manifest.exitGraphs[String(l)]!)));
    const exitLayers = io.exitLayers.length > 0 ? io.exitLayers : manifest.exitLogitsGraph && fs.existsSync(path.join(files.folder, manifest.exitLogitsGraph)) ? manifest.exitLayers : [];
    const capabilities: ModelCapabilities = {
      positionIds: io.hasPositionIds,
      attentionBias: io.hasAttentionBias,
      routerBias: io.hasRouterBias,
      routerScale: io.hasRouterScale,
      routerLogits: io.hasRouterLogits,
      exitLayers,
      exitGraphs,
      judge: manifest.roles.includes('judge') && Boolean(manifest.judge),
      kvCache: io.kv.layers > 0,
    };
    const defining = [...files.defining];
    for (const g of [...Object.values(manifest.exitGraphs), manifest.exitLogitsGraph]) if (g) defining.push(path.join(files.folder, g));
    const info: ModelInfo = {
      id: id ?? manifest.name,
      name: manifest.name,
      path: files.folder,
      embedded: false,
      manifest: manifestFixed,
      inputs: io.inputs,
      outputs: io.outputs,
      capabilities,
      fileBytes: defining.filter((f) => fs.existsSync(f)).reduce((s, f) => s + fs.statSync(f).size, 0),
      fingerprint: fingerprint(defining.filter((f) => fs.existsSync(f))),
      dtype: files.variant.dtype,
      dtypeChosen: files.dtypeChosen,
      variants: files.variants,
      parameterCount: files.inferred ? parameterCount : manifest.parameters,
      bytesOnDisk: files.bytesOnDisk,
      estimatedMemoryBytes: estimateMemory(manifestFixed, files.variant, io.kv.half ? 2 : 4),
      ioDtype: io.kv.half || io.logitsType === 'float16' ? 'float16' : 'float32',
    };
    const rowsBatchable = io.hasPositionIds && !files.graph.nodes.some((n) => n.opType === 'GroupQueryAttention');
    return new LoadedModel(info, manifestFixed, tokenizer, io, provider, session, files.folder, files.model, deviceKv, rowsBatchable);
  }

  /** Logit columns callers see: the graph's, or fewer when paired with a model whose table is smaller (withVocab). */
  private vocabLimit: number | null = null;

  get vocab(): number {
    if (this.vocabLimit !== null) return this.vocabLimit;
    const logits = this.io.outputs.find((o) => o.name === 'logits')!;
    return typeof logits.shape[2] === 'number' ? logits.shape[2] : this.manifest.vocabSize;
  }

  /**
   * The same model (sessions shared) whose logits are cut to the first `vocab` columns: pairs two
   * models of one tokenizer whose embedding tables are padded to different sizes.
   */
  withVocab(vocab: number): LoadedModel {
    const copy = Object.create(this) as LoadedModel;
    (copy as unknown as { vocabLimit: number }).vocabLimit = vocab;
    return copy;
  }

  get kvLayout(): KvLayout {
    return this.io.kv;
  }

  get contextLength(): number {
    return this.manifest.contextLength;
  }

  /**
   * Whether passes leave their present KV on the GPU: on webgpu, for every graph (single-path passes
   * never need a host copy; path-batch verification downloads the cache once, see forwardBatch).
   * WORKBENCH_WEBGPU_KV=host turns it off (for comparison, or a driver that fails with it).
   */
  get keepsKvOnDevice(): boolean {
    return this.deviceKv;
  }

  /** Gathers `positions` of GPU-resident KV tensors, the outputs left on the GPU or brought to the host. */
  private async gatherKv(tensors: ort.Tensor[], positions: readonly number[], outputsOnDevice: boolean): Promise<ort.InferenceSession.ReturnType> {
    const n = tensors.length;
    const key = `${n}|${outputsOnDevice ? 'device' : 'host'}`;
    let session = this.gatherSessions.get(key);
    if (!session) {
      const { heads, headDim } = this.io.kv;
      const outputs = outputsOnDevice ? [...Array(n).keys()].map((i) => `out.${i}`) : [];
      session = createSession(kvGatherModel(n, heads, headDim, this.io.kv.half), this.provider, outputs, 'the KV gather graph');
      this.gatherSessions.set(key, session);
    }
    const feeds: Record<string, ort.Tensor> = { positions: int64(positions, [positions.length]) };
    tensors.forEach((t, i) => (feeds[`kv.${i}`] = t));
    return (await session).run(feeds);
  }

  /** Gathers positions of GPU-resident KV tensors on the GPU (the rollback of a device cache). */
  readonly deviceGather: DeviceGather = async (tensors, positions) => {
    const out = await this.gatherKv(tensors, positions, true);
    return tensors.map((_, i) => out[`out.${i}`]!);
  };

  /** Copies GPU-resident KV tensors to host arrays: a gather of every position whose outputs come home. */
  readonly deviceDownload: DeviceDownload = async (tensors) => {
    const length = tensors[0]!.dims[2]!;
    const out = await this.gatherKv(tensors, [...Array(length).keys()], false);
    return tensors.map((_, i) => out[`out.${i}`]!.data as KvHost);
  };

  /** The session a pass with `opts` runs in. */
  private graph(opts: ForwardOptions): Promise<ort.InferenceSession> {
    const onDevice = this.keepsKvOnDevice;
    if (opts.exitLayer !== undefined) {
      const file = this.manifest.exitGraphs[String(opts.exitLayer)];
      if (!file) throw new WorkbenchError('method_unsupported', `${this.info.name} has no early-exit graph for layer ${opts.exitLayer}`);
      return this.sessionOf(path.join(this.folder, file), onDevice ? opts.exitLayer : 0);
    }
    if (opts.withExitLogits && this.io.exitLayers.length === 0) {
      if (!this.manifest.exitLogitsGraph) throw new WorkbenchError('method_unsupported', `${this.info.name} has no exit_logits outputs`);
      return this.sessionOf(path.join(this.folder, this.manifest.exitLogitsGraph), onDevice ? this.io.kv.layers : 0);
    }
    return Promise.resolve(this.session);
  }

  /**
   * A session over one of the model's graph files. With `deviceLayers` > 0 (webgpu) the present
   * outputs of that many layers are bound to GPU buffers and fed straight back by the next pass, as
   * transformers.js does. Nothing is ever read back from those buffers (that aborts onnxruntime-node
   * 1.30): rollback and compaction run the gather graph on the GPU instead (see deviceGather).
   */
  private sessionOf(file: string, deviceLayers: number): Promise<ort.InferenceSession> {
    const key = `${file}|${deviceLayers}`;
    let s = this.sessions.get(key);
    if (!s) {
      const presents = [...Array(deviceLayers).keys()].flatMap((i) => [`present.${i}.key`, `present.${i}.value`]);
      s = createSession(file, this.provider, presents);
      this.sessions.set(key, s);
    }
    return s;
  }

  /**
   * Runs `tokens` after the cache's contents (not modifying the cache). Returns logits for every fed
   * position and the present KV for the caller to commit (all, a path, or nothing).
   */
  async forward(cache: KvCache, tokens: readonly number[], opts: ForwardOptions = {}): Promise<ForwardResult> {
    if (tokens.length === 0) throw new Error('forward needs at least one token');
    const session = await this.graph(opts);
    await cache.materialize(this.deviceGather);
    const layers = opts.exitLayer ?? this.io.kv.layers;
    const past = cache.length;
    const S = tokens.length;
    const T = past + S;
    const { heads, headDim } = this.io.kv;
    const feeds: Record<string, ort.Tensor> = {
      input_ids: int64(tokens, [1, S]),
      attention_mask: int64(new Array<number>(T).fill(1), [1, T]),
    };
    const names = new Set(session.inputNames);
    let positions: number[];
    if (opts.parents) {
      const depth = depthsOf(opts.parents);
      positions = depth.map((d) => past + d - 1);
    } else {
      positions = Array.from({ length: S }, (_, i) => past + i);
    }
    if (names.has('position_ids')) feeds.position_ids = int64(positions, [1, S]);
    else if (opts.parents) throw new WorkbenchError('method_unsupported', `${this.info.name} has no position_ids input, so it cannot verify trees`);
    if (names.has('attention_bias')) {
      feeds.attention_bias = this.floatInput('attention_bias', opts.parents ? treeBias(opts.parents, past) : new Float32Array(S * T), [1, 1, S, T]);
    } else if (opts.parents && opts.parents.some((p, i) => p !== i - 1)) {
      throw new WorkbenchError('method_unsupported', `tree verification needs attention_bias, which ${this.info.name} lacks: verify root-to-leaf paths with forwardBatch instead`);
    }
    for (let l = 0; l < layers; l++) {
      feeds[`past_key_values.${l}.key`] = pastTensor(cache.keys[l]!, [1, heads, past, headDim], this.io.kv.half);
      feeds[`past_key_values.${l}.value`] = pastTensor(cache.values[l]!, [1, heads, past, headDim], this.io.kv.half);
    }
    if (names.has('use_cache_branch')) feeds.use_cache_branch = new ort.Tensor('bool', [past > 0], [1]);
    this.addRouterFeeds(feeds, names, opts);
    const t0 = performance.now();
    let out: ort.InferenceSession.ReturnType;
    try {
      out = await session.run(feeds);
    } catch (err) {
      throw new WorkbenchError('model_corrupt', `${this.info.name} failed to run: ${(err as Error).message}`);
    }
    const ms = performance.now() - t0;
    return this.collect(out, layers, T, S, ms);
  }

  /**
   * Runs several token rows after the same cache in one batch (the path-verification fallback for
   * graphs without attention_bias). Rows are right-padded; row r's present covers past + its length.
   */
  async forwardBatch(cache: KvCache, rows: readonly (readonly number[])[], opts: Pick<ForwardOptions, 'routerBias' | 'routerScale' | 'routerRenorm'> = {}): Promise<ForwardResult[]> {
    if (!this.io.hasPositionIds && rows.length > 1) {
      // Without position_ids the graph derives positions from the attention mask (GroupQueryAttention's
      // seqlens, which right padding would shift), and onnxruntime's CPU GroupQueryAttention takes
      // several new tokens after a past only at batch 1: each path gets its own pass.
      const results: ForwardResult[] = [];
      for (const row of rows) results.push((await this.forwardBatch(cache, [row], opts))[0]!);
      return results;
    }
    const B = rows.length;
    const S = Math.max(...rows.map((r) => r.length));
    const past = cache.length;
    const T = past + S;
    const { heads, headDim, layers } = this.io.kv;
    const pad = this.tokenizer.padId ?? 0;
    const ids: number[] = [];
    const mask: number[] = [];
    const pos: number[] = [];
    for (const r of rows) {
      for (let i = 0; i < S; i++) ids.push(i < r.length ? r[i]! : pad);
      for (let j = 0; j < T; j++) mask.push(j < past + r.length ? 1 : 0);
      for (let i = 0; i < S; i++) pos.push(past + Math.min(i, r.length - 1));
    }
    const feeds: Record<string, ort.Tensor> = { input_ids: int64(ids, [B, S]), attention_mask: int64(mask, [B, T]) };
    // Rows are read back from host presents: a GPU-output main session needs its host-output twin.
    const session = this.deviceKv ? await this.sessionOf(this.graphFile, 0) : this.session;
    const names = new Set(session.inputNames);
    if (names.has('position_ids')) feeds.position_ids = int64(pos, [B, S]);
    if (names.has('attention_bias')) feeds.attention_bias = this.floatInput('attention_bias', new Float32Array(B * S * T), [B, 1, S, T]);
    if (cache.onDevice) await cache.download(this.deviceGather, this.deviceDownload);
    else await cache.materialize(this.deviceGather);
    for (let l = 0; l < layers; l++) {
      feeds[`past_key_values.${l}.key`] = pastTensor(repeat(cache.keys[l] as KvHost, B), [B, heads, past, headDim], this.io.kv.half);
      feeds[`past_key_values.${l}.value`] = pastTensor(repeat(cache.values[l] as KvHost, B), [B, heads, past, headDim], this.io.kv.half);
    }
    if (names.has('use_cache_branch')) feeds.use_cache_branch = new ort.Tensor('bool', [past > 0], [1]);
    this.addRouterFeeds(feeds, names, opts);
    const t0 = performance.now();
    const out = await session.run(feeds);
    const ms = performance.now() - t0;
    return rows.map((r, b) => {
      const full = this.collectHost(out, layers, T, S, ms / B, b);
      const present = trimPresent(full.present, this.io.kv, past + r.length);
      return { ...full, logits: full.logits.subarray(0, r.length * full.vocab), present };
    });
  }

  /**
   * One pass of the main graph over B independent rows with caller-built inputs (engine/batch's shared
   * decode): every row has its own past (`past`, per layer [B, heads, pastLength, headDim] host arrays,
   * padding allowed where `mask` is 0), `ids` and `positions` [B, S], `mask` [B, pastLength + S], and
   * an optional additive `bias` [B, 1, S, pastLength + S]. Returns the logits [B, S, vocab] and the
   * present KV per layer [B, heads, pastLength + S, headDim], all on the host. Padding needs
   * `rowsBatchable`; other graphs take only rows of one length, one token each after a past.
   */
  async forwardRows(input: RowsInput): Promise<RowsResult> {
    const { batch: B, ids, positions, mask, past, bias } = input;
    const S = ids.length / B;
    const P = past.length;
    const T = P + S;
    if (!Number.isInteger(S) || S < 1 || positions.length !== B * S || mask.length !== B * T) throw new Error(`forwardRows: inconsistent row shapes (B ${B}, ids ${ids.length}, positions ${positions.length}, mask ${mask.length}, past ${P})`);
    const { heads, headDim, layers } = this.io.kv;
    // Rows keep host presents: a GPU-output main session (webgpu) needs its host-output twin.
    const session = this.deviceKv ? await this.sessionOf(this.graphFile, 0) : this.session;
    const names = new Set(session.inputNames);
    const feeds: Record<string, ort.Tensor> = { input_ids: int64(ids, [B, S]), attention_mask: int64(mask, [B, T]) };
    // Without position_ids the graph derives positions from the mask: then the caller keeps every row unpadded.
    if (names.has('position_ids')) feeds.position_ids = int64(positions, [B, S]);
    if (names.has('attention_bias')) feeds.attention_bias = this.floatInput('attention_bias', bias ?? new Float32Array(B * S * T), [B, 1, S, T]);
    else if (bias) throw new WorkbenchError('method_unsupported', `${this.info.name} has no attention_bias input`);
    for (let l = 0; l < layers; l++) {
      feeds[`past_key_values.${l}.key`] = pastTensor(past.keys[l] ?? emptyKv(this.io.kv), [B, heads, P, headDim], this.io.kv.half);
      feeds[`past_key_values.${l}.value`] = pastTensor(past.values[l] ?? emptyKv(this.io.kv), [B, heads, P, headDim], this.io.kv.half);
    }
    if (names.has('use_cache_branch')) feeds.use_cache_branch = new ort.Tensor('bool', [P > 0], [1]);
    this.addRouterFeeds(feeds, names, {});
    let fetches: Record<string, ort.Tensor | null> | undefined;
    if (input.presentInto) {
      fetches = Object.fromEntries(session.outputNames.map((n) => [n, null]));
      for (let l = 0; l < layers; l++) {
        fetches[`present.${l}.key`] = pastTensor(input.presentInto.keys[l]!, [B, heads, T, headDim], this.io.kv.half);
        fetches[`present.${l}.value`] = pastTensor(input.presentInto.values[l]!, [B, heads, T, headDim], this.io.kv.half);
      }
    }
    let out: ort.InferenceSession.ReturnType;
    try {
      out = fetches ? await session.run(feeds, fetches) : await session.run(feeds);
    } catch (err) {
      throw new WorkbenchError('model_corrupt', `${this.info.name} failed to run: ${(err as Error).message}`);
    }
    const logitsTensor = out.logits!;
    const graphVocab = logitsTensor.dims[2]!;
    let logits = floats(logitsTensor, 0, logitsTensor.size);
    const vocab = this.vocabLimit !== null && this.vocabLimit < graphVocab ? this.vocabLimit : graphVocab;
    if (vocab < graphVocab) {
      const cut = new Float32Array(B * S * vocab);
      for (let i = 0; i < B * S; i++) cut.set(logits.subarray(i * graphVocab, i * graphVocab + vocab), i * vocab);
      logits = cut;
    }
    const keys: KvHost[] = [];
    const values: KvHost[] = [];
    for (let l = 0; l < layers; l++) {
      keys.push(input.presentInto?.keys[l] ?? (out[`present.${l}.key`]!.data as KvHost));
      values.push(input.presentInto?.values[l] ?? (out[`present.${l}.value`]!.data as KvHost));
    }
    return { logits, vocab, keys, values, length: T };
  }

  private addRouterFeeds(feeds: Record<string, ort.Tensor>, names: Set<string>, opts: Pick<ForwardOptions, 'routerBias' | 'routerScale' | 'routerRenorm'>): void {
    const r = this.io.router;
    if (!r) return;
    const n = r.layers * r.experts;
    if (names.has('router_bias')) feeds.router_bias = this.floatInput('router_bias', opts.routerBias ?? new Float32Array(n), [r.layers, r.experts]);
    if (names.has('router_scale')) feeds.router_scale = this.floatInput('router_scale', opts.routerScale ?? new Float32Array(n).fill(1), [r.layers, r.experts]);
    if (names.has('router_renorm')) feeds.router_renorm = this.floatInput('router_renorm', new Float32Array([opts.routerRenorm ?? 0]), [1]);
  }

  /** A float input in the element type the graph declares for it (float16 graphs get half bit patterns). */
  private floatInput(name: string, values: Float32Array, dims: number[]): ort.Tensor {
    if (this.io.floatInputTypes[name] !== 'float16') return new ort.Tensor('float32', values, dims);
    // -1e9 (MASKED) would become -inf in half precision: clamp to the largest finite half instead.
    const clamped = values.map((v) => Math.max(-65504, Math.min(65504, v)));
    return new ort.Tensor('float16', floatToHalf(clamped), dims);
  }

  /** A single-row pass's result: presents a GPU-output session left on the GPU stay there. */
  private collect(out: ort.InferenceSession.ReturnType, layers: number, T: number, S: number, ms: number): ForwardResult {
    if (out['present.0.key']?.location === 'gpu-buffer') {
      const host = this.collectHost(out, 0, T, S, ms, 0);
      const keys: ort.Tensor[] = [];
      const values: ort.Tensor[] = [];
      for (let l = 0; l < layers; l++) {
        keys.push(out[`present.${l}.key`]!);
        values.push(out[`present.${l}.value`]!);
      }
      return { ...host, present: { keys, values, total: T } };
    }
    return this.collectHost(out, layers, T, S, ms, 0);
  }

  private collectHost(out: ort.InferenceSession.ReturnType, layers: number, T: number, S: number, ms: number, row: number): ForwardResult {
    const logitsTensor = out.logits!;
    const graphVocab = logitsTensor.dims[2]!;
    if (this.vocabLimit !== null && this.vocabLimit < graphVocab) return this.cutVocab(this.collectHostFull(out, layers, T, S, ms, row), graphVocab);
    return this.collectHostFull(out, layers, T, S, ms, row);
  }

  /** Keeps the first vocabLimit columns of every logits row (and of exit logits). */
  private cutVocab(r: ForwardResult, graphVocab: number): ForwardResult {
    const v = this.vocabLimit!;
    const cut = (a: Float32Array) => {
      const rows = a.length / graphVocab;
      const outRows = new Float32Array(rows * v);
      for (let i = 0; i < rows; i++) outRows.set(a.subarray(i * graphVocab, i * graphVocab + v), i * v);
      return outRows;
    };
    const exitLogits = new Map([...r.exitLogits].map(([l, a]) => [l, cut(a)]));
    return { ...r, logits: cut(r.logits), vocab: v, exitLogits };
  }

  private collectHostFull(out: ort.InferenceSession.ReturnType, layers: number, T: number, S: number, ms: number, row: number): ForwardResult {
    const logitsTensor = out.logits!;
    const vocab = logitsTensor.dims[2]!;
    // Graphs that keep only the last position's logits return [B, 1, vocab]: a caller asking for all
    // positions would misread that, so it is refused above by the KNOWN_INPUT check (no num_logits_to_keep).
    const logits = floats(logitsTensor, row * S * vocab, (row + 1) * S * vocab);
    const { heads, headDim } = this.io.kv;
    const per = heads * T * headDim;
    const keys: KvHost[] = [];
    const values: KvHost[] = [];
    for (let l = 0; l < layers; l++) {
      // float16 caches stay half bit patterns (fed straight back); float32 ones stay float32.
      keys.push((out[`present.${l}.key`]!.data as KvHost).subarray(row * per, (row + 1) * per));
      values.push((out[`present.${l}.value`]!.data as KvHost).subarray(row * per, (row + 1) * per));
    }
    const exitLogits = new Map<number, Float32Array>();
    for (const [name, tensor] of Object.entries(out)) {
      const m = /^exit_logits\.(\d+)$/.exec(name);
      if (m) exitLogits.set(Number(m[1]), floats(tensor, row * S * vocab, (row + 1) * S * vocab));
    }
    let routerLogits: Float32Array | null = null;
    if (out.router_logits && row === 0) routerLogits = floats(out.router_logits, 0, out.router_logits.size);
    return { logits, vocab, present: { keys, values, total: T }, exitLogits, routerLogits, ms };
  }
}

/** Depth (1 for children of the cache's last position) of each fed token from its parent index. */
export function depthsOf(parents: readonly number[]): number[] {
  const depth: number[] = [];
  parents.forEach((p, i) => {
    if (p >= i) throw new Error(`tree parent ${p} of node ${i} must come before it`);
    depth.push(p < 0 ? 1 : depth[p]! + 1);
  });
  return depth;
}

/** attention_bias [S, past + S]: 0 where a node may attend (the past, its ancestors, itself), MASKED elsewhere. */
export function treeBias(parents: readonly number[], past: number): Float32Array {
  const S = parents.length;
  const T = past + S;
  const bias = new Float32Array(S * T).fill(MASKED);
  for (let i = 0; i < S; i++) {
    bias.fill(0, i * T, i * T + past);
    for (let j = i; j >= 0; j = parents[j]!) bias[i * T + past + j] = 0;
  }
  return bias;
}

function pastTensor(d: KvData, dims: number[], half = false): ort.Tensor {
  if (isDeviceKv(d)) return d;
  return half ? new ort.Tensor('float16', d as Uint16Array, dims) : new ort.Tensor('float32', d as Float32Array, dims);
}

/** Elements [from, to) of a float output as float32 (float16 outputs converted, float32 ones viewed). */
function floats(t: ort.Tensor, from: number, to: number): Float32Array {
  if (t.type === 'float16') return halfToFloat((t.data as Uint16Array).subarray(from, to));
  return (t.data as Float32Array).subarray(from, to);
}

function repeat(a: KvHost, times: number): KvHost {
  const out = a instanceof Uint16Array ? new Uint16Array(a.length * times) : new Float32Array(a.length * times);
  for (let i = 0; i < times; i++) (out as Float32Array).set(a as Float32Array, i * a.length);
  return out;
}

function trimPresent(p: PresentKv, layout: KvLayout, keep: number): PresentKv {
  if (keep === p.total) return p;
  const cut = (d: KvData): KvHost => {
    const a = d as Float32Array; // batch outputs are always brought to the host first (float32 or half bits)
    const out = emptyKv(layout, layout.heads * keep * layout.headDim) as Float32Array;
    for (let h = 0; h < layout.heads; h++) {
      out.set(a.subarray(h * p.total * layout.headDim, (h * p.total + keep) * layout.headDim), h * keep * layout.headDim);
    }
    return out;
  };
  return { keys: p.keys.map(cut), values: p.values.map(cut), total: keep };
}
