// Real-size benchmark (issue 11, item 7): a 0.5B-class random-weight Qwen2.5-shape export (fp32 and
// q4, built once by native-models/tools/export_real.py --bench into ~/.cache/workbench-bench) measured
// on the CPU side by side: the workbench engine (a full autoregressive run), a bare session.run loop
// over the same graph (the floor: the engine's overhead is the difference), and transformers.js'
// generate(), each on the same 512-token prompt with identical greedy tokens. Each measurement runs
// in its own child process so its peak memory (VmHWM) is its own. The memory-bandwidth bound is the
// bytes one decode step must read (every weight except the embedding table's unread rows, plus the
// KV cache) over this machine's measured read bandwidth.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bareGreedy } from '../engine/runtime/bare-decode';
import { resolveModelFolder } from '../engine/runtime/model-folder';
import { ELEMENT_BYTES } from '../engine/runtime/onnx-scan';

export interface RealBenchOptions {
  dir?: string;
  promptTokens: number;
  tokens: number;
  dtypes: string[];
  out?: (line: string) => void;
}

type Mode = 'engine' | 'bare' | 'transformers.js';
const MODES: Mode[] = ['bare', 'engine', 'transformers.js'];

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
}

const MODEL = 'qwen2.5-0.5b-shape';

export function benchDir(dir?: string): string {
  return dir ?? process.env.WORKBENCH_BENCH_DIR ?? path.join(os.homedir(), '.cache', 'workbench-bench');
}

/** The prompt: deterministic pseudo-random token ids (never the end token 1). */
export function promptIds(n: number): number[] {
  let s = 12345;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return 2 + (s % 150_000);
  });
}

function peakRss(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.memoryUsage().rss;
}

/** One measurement, in this process (a child of runRealBench). */
export async function measureOne(folder: string, mode: Mode, dtype: string, nPrompt: number, nTokens: number): Promise<Measurement> {
  const prompt = promptIds(nPrompt);
  const t0 = performance.now();
  if (mode === 'engine') {
    const { CollectingEngine } = await import('../engine/in-process');
    const engine = new CollectingEngine();
    const request = (ids: number[], n: number) => ({
      prompt: { kind: 'raw', text: ids.map((i) => `<t${i}>`).join(' ') },
      config: { method: 'autoregressive', model: { model: MODEL, provider: 'cpu', dtype }, sampling: { maxNewTokens: n, topLogprobs: 0 } },
    });
    await engine.run(request(prompt.slice(0, 8), 2), { [MODEL]: folder }); // load + warm-up
    const loadMs = performance.now() - t0;
    // A different first token, so the prefix pool cannot reuse the warm-up's cache.
    const run = await engine.run(request(prompt, nTokens), { [MODEL]: folder });
    const m = run.finished.metrics!;
    if (run.finished.status !== 'completed') throw new Error(`engine run failed: ${run.finished.error?.message}`);
    return { mode, dtype, ttftMs: m.ttftMs!, decodeMsPerToken: m.decodeMs / Math.max(1, m.newTokens - 1), ids: run.ids, peakRssBytes: peakRss(), loadMs };
  }
  const files = resolveModelFolder(folder, dtype);
  if (mode === 'bare') {
    const r = await bareGreedy(files.model, prompt, nTokens);
    return { mode, dtype, ...r, peakRssBytes: peakRss(), loadMs: r.loadMs };
  }
  const tjs = await import('@huggingface/transformers');
  tjs.env.allowRemoteModels = false;
  tjs.env.allowLocalModels = true;
  const model = await tjs.AutoModelForCausalLM.from_pretrained(folder, { dtype: dtype as 'fp32', device: 'cpu', local_files_only: true });
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
  const kv = 2 * m.layers * m.kvHeads * m.headDim * contextTokens * 4;
  return { weights, kv };
}

function runChild(folder: string, mode: Mode, dtype: string, opts: RealBenchOptions): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1]!, 'bench', 'real', '--child', mode, '--dtype', dtype, '--prompt-tokens', String(opts.promptTokens), '--tokens', String(opts.tokens), '--dir', benchDir(opts.dir)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('{"mode"'));
      if (code === 0 && line) resolve({ ...(JSON.parse(line) as Measurement), load: os.loadavg()[0] });
      else reject(new Error(`${mode} ${dtype} exited ${code}: ${stdout.slice(-2000)}`));
    });
  });
}

/** Builds the model when absent (Python), then measures every mode x dtype and prints Markdown tables. */
export async function runRealBench(opts: RealBenchOptions): Promise<Measurement[]> {
  const out = opts.out ?? (() => undefined);
  const dir = benchDir(opts.dir);
  const folder = path.join(dir, MODEL);
  if (!fs.existsSync(path.join(folder, 'onnx', 'model_q4.onnx'))) {
    out(`building ${folder} (random weights, Qwen2.5-0.5B shape; needs python3 with torch, transformers, onnx, onnxruntime) ...`);
    const script = path.resolve('native-models/tools/export_real.py');
    execFileSync('python3', [script, '--bench', '--out', dir], { stdio: 'inherit', cwd: path.dirname(script) });
  }
  const info = resolveModelFolder(folder);
  out(`Model: ${MODEL} (${info.manifest.layers} layers, hidden ${info.manifest.hiddenSize}, ${info.manifest.heads}/${info.manifest.kvHeads} heads, vocab ${info.manifest.vocabSize}), random weights; prompt ${opts.promptTokens} tokens, ${opts.tokens} greedy new tokens; each row a fresh process after a short warm-up`);
  const bandwidth = readBandwidth();
  out(`Read bandwidth (memcmp, one thread, best of 5): ${(bandwidth / 1e9).toFixed(1)} GB/s`);
  out('');
  const results: Measurement[] = [];
  for (const dtype of opts.dtypes) for (const mode of MODES) results.push(await runChild(folder, mode, dtype, opts));
  out(`| dtype | engine | load ms | TTFT ms (${opts.promptTokens}-token prompt) | decode ms/token | tok/s | peak RSS MiB | same tokens as bare | load avg |`);
  out('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const bare = results.find((b) => b.dtype === r.dtype && b.mode === 'bare')!;
    const same = JSON.stringify(r.ids) === JSON.stringify(bare.ids);
    out(`| ${r.dtype} | ${r.mode} | ${r.loadMs.toFixed(0)} | ${r.ttftMs.toFixed(0)} | ${r.decodeMsPerToken.toFixed(1)} | ${(1000 / r.decodeMsPerToken).toFixed(1)} | ${(r.peakRssBytes / 2 ** 20).toFixed(0)} | ${same ? 'yes' : `NO (${r.ids.length} tokens)`} | ${r.load?.toFixed(1) ?? '-'} |`);
  }
  out('');
  out('| dtype | engine overhead vs bare session.run (decode) | transformers.js ms / engine ms (decode) | bytes read per token | bandwidth bound ms/token | bare / bound |');
  out('| --- | --- | --- | --- | --- | --- |');
  for (const dtype of opts.dtypes) {
    const get = (m: Mode) => results.find((r) => r.dtype === dtype && r.mode === m)!;
    const b = bytesPerToken(folder, dtype, opts.promptTokens + opts.tokens / 2);
    const boundMs = ((b.weights + b.kv) / bandwidth) * 1000;
    out(
      `| ${dtype} | ${((get('engine').decodeMsPerToken / get('bare').decodeMsPerToken - 1) * 100).toFixed(1)}% | ${(get('transformers.js').decodeMsPerToken / get('engine').decodeMsPerToken).toFixed(2)} | ${((b.weights + b.kv) / 2 ** 20).toFixed(0)} MiB (${(b.kv / 2 ** 20).toFixed(0)} KV) | ${boundMs.toFixed(1)} | ${(get('bare').decodeMsPerToken / boundMs).toFixed(2)}x |`,
    );
  }
  return results;
}
