// Real-size benchmark (issue 11, item 7): a 0.5B-class random-weight Qwen2.5-shape export (fp32 and
// q4, built once by native-models/tools/export_real.py --bench into ~/.cache/workbench-bench) measured
// on the CPU side by side: the workbench engine (a full autoregressive run), a bare session.run loop
// over the same graph (the floor: the engine's overhead is the difference), and transformers.js'
// generate(), each on the same 512-token prompt with identical greedy tokens. Each measurement runs
// in its own child process so its peak memory (VmHWM) is its own. The memory-bandwidth bound is the
// bytes one decode step must read (every weight except the embedding table's unread rows, plus the
// KV cache) over this machine's measured read bandwidth (or --bandwidth-gbs, a GPU's rated figure).
// With --provider webgpu every mode runs on the GPU, the peak GPU memory of each row is sampled
// from nvidia-smi, and --reference compares the tokens with another framework's (PyTorch's) run.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bareGreedy } from '../engine/runtime/bare-decode';
import { resolveModelFolder } from '../engine/runtime/model-folder';
import { ELEMENT_BYTES } from '../engine/runtime/onnx-scan';
import type { MethodName } from '@app/methods';
import { rolesOf } from '@app/methods/registry';

export interface RealBenchOptions {
  dir?: string;
  promptTokens: number;
  tokens: number;
  dtypes: string[];
  provider?: 'cpu' | 'webgpu';
  modes?: Mode[];
  /** A JSON file {dtype: token ids} from another framework's greedy run on the same weights and prompt. */
  reference?: string;
  /** The memory bandwidth the bound uses, in GB/s (default: this machine's measured CPU read bandwidth). */
  bandwidthGBs?: number;
  out?: (line: string) => void;
}

/**
 * engine: an autoregressive run; engine-host-kv: the same with WORKBENCH_WEBGPU_KV=host (every pass
 * copies the KV cache to the host and back); engine:METHOD: that single-model method (token_recycling,
 * prompt_lookup), whose tokens must equal the greedy ones.
 */
export type Mode = 'engine' | 'engine-host-kv' | `engine:${string}` | 'bare' | 'transformers.js';
export type RealBenchMode = Mode;
export const MODES: Mode[] = ['bare', 'engine', 'transformers.js'];

interface Measurement {
  mode: Mode;
  dtype: string;
  ttftMs: number;
  decodeMsPerToken: number;
  ids: number[];
  peakRssBytes: number;
  loadMs: number;
  /** The machine's 1-minute load average when the row finished (the CPU is shared: rows are comparable only under similar load). */
  load?: number;
  /** Peak GPU memory over the row (nvidia-smi memory.used minus the idle figure before it), bytes. */
  peakGpuBytes?: number;
}

const MODEL = 'qwen2.5-0.5b-shape';

export function benchDir(dir?: string): string {
  return dir ?? process.env.WORKBENCH_BENCH_DIR ?? path.join(os.homedir(), '.cache', 'workbench-bench');
}

/** The prompt: deterministic pseudo-random token ids (never the end token 1). */
export function promptIds(n: number): number[] {
  // Exact integer arithmetic (BigInt): native-models/tools/torch_decode.py draws the same ids.
  let s = 12345n;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245n + 12345n) % 2n ** 31n;
    return 2 + Number(s % 150_000n);
  });
}

function peakRss(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.memoryUsage().rss;
}

/** One measurement, in this process (a child of runRealBench). */
export async function measureOne(folder: string, mode: Mode, dtype: string, nPrompt: number, nTokens: number, provider: 'cpu' | 'webgpu' = 'cpu'): Promise<Measurement> {
  const prompt = promptIds(nPrompt);
  const t0 = performance.now();
  if (mode === 'engine-host-kv') process.env.WORKBENCH_WEBGPU_KV = 'host';
  if (mode.startsWith('engine')) {
    const method = (mode.startsWith('engine:') ? mode.slice('engine:'.length) : 'autoregressive') as MethodName;
    const role = rolesOf(method)[0]![0];
    const { CollectingEngine } = await import('../engine/in-process');
    const engine = new CollectingEngine();
    const request = (ids: number[], n: number) => ({
      prompt: { kind: 'raw', text: ids.map((i) => `<t${i}>`).join(' ') },
      config: { method, models: { [role]: { model: MODEL, provider, dtype } }, sampling: { maxNewTokens: n, topLogprobs: 0, ignoreEos: true } },
    });
    await engine.run(request(prompt.slice(8, 16), 2), { [MODEL]: folder }); // load + warm-up
    const loadMs = performance.now() - t0;
    // The warm-up starts with a different token, so the prefix pool cannot reuse its cache.
    const run = await engine.run(request(prompt, nTokens), { [MODEL]: folder });
    const m = run.finished.metrics!;
    if (run.finished.status !== 'completed') throw new Error(`engine run failed: ${run.finished.error?.message}`);
    return { mode, dtype, ttftMs: m.ttftMs!, decodeMsPerToken: m.decodeMs / Math.max(1, m.newTokens - 1), ids: run.ids, peakRssBytes: peakRss(), loadMs };
  }
  const files = resolveModelFolder(folder, dtype);
  if (mode === 'bare') {
    const r = await bareGreedy(files.model, prompt, nTokens, { provider, layers: files.manifest.layers });
    return { mode, dtype, ...r, peakRssBytes: peakRss(), loadMs: r.loadMs };
  }
  const tjs = await import('@huggingface/transformers');
  tjs.env.allowRemoteModels = false;
  tjs.env.allowLocalModels = true;
  const model = await tjs.AutoModelForCausalLM.from_pretrained(folder, { dtype: dtype as 'fp32', device: provider, local_files_only: true });
  const gen = async (ids: number[], n: number) => {
    const times: number[] = [];
    let first = true;
    const streamer = new (class extends tjs.BaseStreamer {
      override put(): void {
        if (first) {
          first = false; // the prompt
          return;
        }
        times.push(performance.now());
      }
      override end(): void {}
    })();
    const input = new tjs.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]);
    const mask = new tjs.Tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length]);
    const start = performance.now();
    const result = (await model.generate({ input_ids: input, attention_mask: mask, max_new_tokens: n, do_sample: false, streamer: streamer as unknown as InstanceType<typeof tjs.TextStreamer> })) as { tolist(): bigint[][] };
    return { ids: result.tolist()[0]!.slice(ids.length).map(Number), times, start };
  };
  await gen(prompt.slice(0, 8), 2);
  const loadMs = performance.now() - t0;
  const r = await gen(prompt, nTokens);
  const n = r.times.length;
  await model.dispose();
  return { mode, dtype, ttftMs: r.times[0]! - r.start, decodeMsPerToken: n > 1 ? (r.times[n - 1]! - r.times[0]!) / (n - 1) : NaN, ids: r.ids, peakRssBytes: peakRss(), loadMs };
}

/** Best-of-5 single-thread read bandwidth, by memcmp of two equal 256 MiB buffers (bytes/s). */
export function readBandwidth(): number {
  const size = 256 * 2 ** 20;
  const a = Buffer.alloc(size, 7);
  const b = Buffer.alloc(size, 7);
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    if (a.compare(b) !== 0) throw new Error('unequal');
    best = Math.min(best, performance.now() - t);
  }
  return (2 * size) / (best / 1000);
}

/** Bytes one decode step reads: all weights except embedding tables read by Gather (one row each), plus the KV cache. */
export function bytesPerToken(folder: string, dtype: string, contextTokens: number): { weights: number; kv: number } {
  const files = resolveModelFolder(folder, dtype);
  const gathered = new Set(files.graph.nodes.filter((n) => n.opType === 'Gather' || n.opType === 'GatherBlockQuantized').map((n) => n.inputs[0]!));
  let weights = 0;
  for (const t of files.graph.initializers) {
    if (gathered.has(t.name)) continue;
    weights += t.dims.reduce((a, b) => a * b, 1) * (ELEMENT_BYTES[t.dataType] ?? 4);
  }
  const m = files.manifest;
  const kv = 2 * m.layers * m.kvHeads * m.headDim * contextTokens * (dtype.endsWith('16') ? 2 : 4);
  return { weights, kv };
}

/** GPU memory in use (bytes, first GPU) from nvidia-smi, or null where there is none. */
function gpuMemoryUsed(): number | null {
  try {
    const text = execFileSync('nvidia-smi', ['--query-gpu=memory.used', '--format=csv,noheader,nounits'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const mib = Number(text.split('\n')[0]);
    return Number.isFinite(mib) ? mib * 2 ** 20 : null;
  } catch {
    return null;
  }
}

function runChild(folder: string, mode: Mode, dtype: string, opts: RealBenchOptions): Promise<Measurement> {
  const provider = opts.provider ?? 'cpu';
  const idle = provider === 'webgpu' ? gpuMemoryUsed() : null;
  let peak = idle;
  const sampler = idle === null ? null : setInterval(() => (peak = Math.max(peak!, gpuMemoryUsed() ?? 0)), 200);
  return new Promise((resolve, reject) => {
    const args = [process.argv[1]!, 'bench', 'real', '--child', mode, '--dtype', dtype, '--prompt-tokens', String(opts.promptTokens), '--tokens', String(opts.tokens), '--dir', benchDir(opts.dir), '--provider', provider];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => {
      if (sampler) clearInterval(sampler);
      const line = stdout.split('\n').find((l) => l.startsWith('{"mode"'));
      const gpu = idle !== null && peak !== null ? { peakGpuBytes: peak - idle } : {};
      if (code === 0 && line) resolve({ ...(JSON.parse(line) as Measurement), load: os.loadavg()[0], ...gpu });
      else reject(new Error(`${mode} ${dtype} exited ${code}: ${stdout.slice(-2000)}`));
    });
  });
}

/** Index of the first differing token, or null when the shorter list is a prefix of the other. */
function firstDivergence(a: readonly number[], b: readonly number[]): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? null : n;
}

const VARIANT_FILES: Record<string, string> = { fp32: 'model.onnx', fp16: 'model_fp16.onnx', q4: 'model_q4.onnx', q4f16: 'model_q4f16.onnx' };

/** Builds the model's missing variants (Python), then measures every mode x dtype and prints Markdown tables. */
export async function runRealBench(opts: RealBenchOptions): Promise<Measurement[]> {
  const out = opts.out ?? (() => undefined);
  const provider = opts.provider ?? 'cpu';
  const modes = opts.modes ?? MODES;
  const dir = benchDir(opts.dir);
  const folder = path.join(dir, MODEL);
  const missing = opts.dtypes.filter((d) => !fs.existsSync(path.join(folder, 'onnx', VARIANT_FILES[d] ?? `model_${d}.onnx`)));
  if (missing.length > 0) {
    const variants = [...new Set(['fp32', ...opts.dtypes])].join(',');
    out(`building ${folder} ${variants} (random weights, Qwen2.5-0.5B shape; needs python3 with torch, transformers, onnx, onnxruntime) ...`);
    const script = path.resolve('native-models/tools/export_real.py');
    execFileSync('python3', [script, '--bench', '--variants', variants, '--out', dir], { stdio: 'inherit', cwd: path.dirname(script) });
  }
  const info = resolveModelFolder(folder);
  out(`Model: ${MODEL} (${info.manifest.layers} layers, hidden ${info.manifest.hiddenSize}, ${info.manifest.heads}/${info.manifest.kvHeads} heads, vocab ${info.manifest.vocabSize}), random weights; prompt ${opts.promptTokens} tokens, ${opts.tokens} greedy new tokens; provider ${provider}; each row a fresh process after a short warm-up`);
  const bandwidth = opts.bandwidthGBs ? opts.bandwidthGBs * 1e9 : readBandwidth();
  out(opts.bandwidthGBs ? `Memory bandwidth (given): ${opts.bandwidthGBs} GB/s` : `Read bandwidth (memcmp, one thread, best of 5): ${(bandwidth / 1e9).toFixed(1)} GB/s`);
  const reference = opts.reference ? (JSON.parse(fs.readFileSync(opts.reference, 'utf8')) as Record<string, number[]>) : null;
  out('');
  const results: Measurement[] = [];
  for (const dtype of opts.dtypes) {
    for (const mode of modes) {
      try {
        results.push(await runChild(folder, mode, dtype, opts));
      } catch (err) {
        out(`${dtype} ${mode}: failed: ${(err as Error).message.split('\n').slice(-3).join(' ')}`);
      }
    }
  }
  const gpu = results.some((r) => r.peakGpuBytes !== undefined);
  out(`| dtype | engine | load ms | TTFT ms (${opts.promptTokens}-token prompt) | decode ms/token | tok/s | peak RSS MiB |${gpu ? ' peak GPU MiB |' : ''} same tokens as bare |${reference ? ' first divergence from reference |' : ''} load avg |`);
  out(`| --- | --- | --- | --- | --- | --- | --- |${gpu ? ' --- |' : ''} --- |${reference ? ' --- |' : ''} --- |`);
  for (const r of results) {
    const bare = results.find((b) => b.dtype === r.dtype && b.mode === 'bare');
    const same = bare ? (JSON.stringify(r.ids) === JSON.stringify(bare.ids) ? 'yes' : `NO (first differs at ${firstDivergence(r.ids, bare.ids)})`) : '-';
    const ref = reference?.[r.dtype];
    const vsRef = ref ? (firstDivergence(r.ids, ref) === null ? `none (${ref.length} same)` : `token ${firstDivergence(r.ids, ref)}`) : '-';
    out(
      `| ${r.dtype} | ${r.mode} | ${r.loadMs.toFixed(0)} | ${r.ttftMs.toFixed(0)} | ${r.decodeMsPerToken.toFixed(2)} | ${(1000 / r.decodeMsPerToken).toFixed(1)} | ${(r.peakRssBytes / 2 ** 20).toFixed(0)} |${gpu ? ` ${r.peakGpuBytes !== undefined ? (r.peakGpuBytes / 2 ** 20).toFixed(0) : '-'} |` : ''} ${same} |${reference ? ` ${vsRef} |` : ''} ${r.load?.toFixed(1) ?? '-'} |`,
    );
  }
  out('');
  out('| dtype | engine overhead vs bare session.run (decode) | transformers.js ms / engine ms (decode) | bytes read per token | bandwidth bound ms/token | bare / bound | engine / bound |');
  out('| --- | --- | --- | --- | --- | --- | --- |');
  for (const dtype of opts.dtypes) {
    const get = (m: Mode) => results.find((r) => r.dtype === dtype && r.mode === m);
    const engine = get('engine');
    const b = bytesPerToken(folder, dtype, opts.promptTokens + opts.tokens / 2);
    const boundMs = ((b.weights + b.kv) / bandwidth) * 1000;
    const ratio = (x?: Measurement, y?: Measurement, f = (v: number) => v.toFixed(2)) => (x && y ? f(x.decodeMsPerToken / y.decodeMsPerToken) : '-');
    out(
      `| ${dtype} | ${ratio(engine, get('bare'), (v) => `${((v - 1) * 100).toFixed(1)}%`)} | ${ratio(get('transformers.js'), engine)} | ${((b.weights + b.kv) / 2 ** 20).toFixed(0)} MiB (${(b.kv / 2 ** 20).toFixed(0)} KV) | ${boundMs.toFixed(2)} | ${get('bare') ? `${(get('bare')!.decodeMsPerToken / boundMs).toFixed(2)}x` : '-'} | ${engine ? `${(engine.decodeMsPerToken / boundMs).toFixed(2)}x` : '-'} |`,
    );
  }
  return results;
}
