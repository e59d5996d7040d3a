// The floor the engine's decoding is measured against: greedy decoding with nothing but
// session.run over one graph (presents fed straight back as the next pass's past, argmax on the last
// row). Used by `bench real` to report the engine's own overhead; not used by any method. On webgpu
// the presents stay in GPU buffers between passes (as transformers.js keeps them); float16 graphs
// are fed float16 pasts and their logits are read as half floats.
import ort from 'onnxruntime-node';
import { halfToFloat } from './half';

function argmax(a: Float32Array, from: number, to: number): number {
  let best = from;
  for (let i = from + 1; i < to; i++) if (a[i]! > a[best]!) best = i;
  return best - from;
}

export interface BareDecodeResult {
  ids: number[];
  /** Session creation and an 8-token warm-up pass. */
  loadMs: number;
  /** Prompt pass plus the first argmax. */
  ttftMs: number;
  decodeMsPerToken: number;
}

export interface BareDecodeOptions {
  provider?: 'cpu' | 'webgpu';
  /** The graph's layer count: needed on webgpu, where the presents are bound to GPU buffers at session creation. */
  layers?: number;
}

/** The logits of the last row as float32, whatever the graph's logits type. */
function lastRow(logits: ort.Tensor, row: number, vocab: number): Float32Array {
  const data = logits.data as Float32Array | Uint16Array;
  const slice = data.subarray(row * vocab, (row + 1) * vocab);
  return logits.type === 'float16' ? halfToFloat(slice as Uint16Array) : (slice as Float32Array);
}

/** Greedy decoding of `n` tokens after `prompt` with a bare session over one graph (float32 or float16 I/O). */
export async function bareGreedy(file: string, prompt: number[], n: number, options: BareDecodeOptions = {}): Promise<BareDecodeResult> {
  const t0 = performance.now();
  const provider = options.provider ?? 'cpu';
  if (provider === 'webgpu' && options.layers === undefined) throw new Error('bareGreedy on webgpu needs the layer count');
  const presents = Array.from({ length: options.layers ?? 0 }, (_, l) => [`present.${l}.key`, `present.${l}.value`]).flat();
  // One session only: a second session over the same float16 graph in one process failed to load (onnxruntime 1.30).
  const session = await ort.InferenceSession.create(file, {
    executionProviders: provider === 'webgpu' ? [{ name: 'webgpu' }] : ['cpu'],
    graphOptimizationLevel: 'all',
    ...(provider === 'webgpu' ? { preferredOutputLocation: Object.fromEntries(presents.map((p) => [p, 'gpu-buffer' as const])) } : {}),
  });
  const layers = session.inputNames.filter((x) => /^past_key_values\.\d+\.key$/.test(x)).length;
  const meta = session.inputMetadata.find((m) => m.name === 'past_key_values.0.key');
  const shape = meta && meta.isTensor ? meta.shape : [];
  const kvType = meta && meta.isTensor ? meta.type : 'float32';
  const heads = Number(shape[1]);
  const hd = Number(shape[3]);
  const empty = () => (kvType === 'float16' ? new ort.Tensor('float16', new Uint16Array(0), [1, heads, 0, hd]) : new ort.Tensor('float32', new Float32Array(0), [1, heads, 0, hd]));
  const int64 = (v: number[], dims: number[]) => new ort.Tensor('int64', BigInt64Array.from(v.map(BigInt)), dims);
  const pastOf = (out: ort.InferenceSession.ReturnType | null): Record<string, ort.Tensor> =>
    Object.fromEntries(
      Array.from({ length: layers }, (_, l) => (['key', 'value'] as const).map((k) => [`past_key_values.${l}.${k}`, out ? out[`present.${l}.${k}`]! : empty()])).flat(),
    );
  const runOnce = (ids: number[], past: Record<string, ort.Tensor>, pastLen: number) => {
    const S = ids.length;
    const feeds: Record<string, ort.Tensor> = { input_ids: int64(ids, [1, S]), attention_mask: int64(new Array<number>(pastLen + S).fill(1), [1, pastLen + S]), ...past };
    if (session.inputNames.includes('position_ids')) feeds.position_ids = int64(Array.from({ length: S }, (_, i) => pastLen + i), [1, S]);
    return session.run(feeds);
  };
  disposeDevice(await runOnce(prompt.slice(0, 8), pastOf(null), 0));
  const loadMs = performance.now() - t0;
  const start = performance.now();
  let out = await runOnce(prompt, pastOf(null), 0);
  const vocab = out.logits!.dims[2]!;
  const ids = [argmax(lastRow(out.logits!, prompt.length - 1, vocab), 0, vocab)];
  const ttftMs = performance.now() - start;
  const decodeStart = performance.now();
  let pastLen = prompt.length;
  for (let i = 1; i < n; i++) {
    const previous = out;
    out = await runOnce([ids[ids.length - 1]!], pastOf(out), pastLen);
    disposeDevice(previous);
    pastLen++;
    ids.push(argmax(lastRow(out.logits!, 0, vocab), 0, vocab));
  }
  disposeDevice(out);
  await session.release();
  return { ids, loadMs, ttftMs, decodeMsPerToken: (performance.now() - decodeStart) / Math.max(1, n - 1) };
}

/** Frees a pass's GPU-resident presents once the next pass has consumed them. */
function disposeDevice(out: ort.InferenceSession.ReturnType): void {
  for (const t of Object.values(out)) if (t.location === 'gpu-buffer') t.dispose();
}
