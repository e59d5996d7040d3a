// The floor the engine's decoding is measured against: greedy decoding with nothing but
// session.run over one graph (presents fed straight back as the next pass's past, argmax on the last
// row). Used by `bench real` to report the engine's own overhead; not used by any method.
import ort from 'onnxruntime-node';

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

/** Greedy decoding of `n` tokens after `prompt` with a bare session over a float32-I/O graph. */
export async function bareGreedy(file: string, prompt: number[], n: number): Promise<BareDecodeResult> {
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(file, { executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
  const layers = session.inputNames.filter((x) => /^past_key_values\.\d+\.key$/.test(x)).length;
  const meta = session.inputMetadata.find((m) => m.name === 'past_key_values.0.key');
  const shape = meta && meta.isTensor ? meta.shape : [];
  const heads = Number(shape[1]);
  const hd = Number(shape[3]);
  const int64 = (v: number[], dims: number[]) => new ort.Tensor('int64', BigInt64Array.from(v.map(BigInt)), dims);
  const pastOf = (out: ort.InferenceSession.ReturnType | null): Record<string, ort.Tensor> =>
    Object.fromEntries(
      Array.from({ length: layers }, (_, l) => (['key', 'value'] as const).map((k) => [`past_key_values.${l}.${k}`, out ? out[`present.${l}.${k}`]! : new ort.Tensor('float32', new Float32Array(0), [1, heads, 0, hd])])).flat(),
    );
  const runOnce = (ids: number[], past: Record<string, ort.Tensor>, pastLen: number) => {
    const S = ids.length;
    const feeds: Record<string, ort.Tensor> = { input_ids: int64(ids, [1, S]), attention_mask: int64(new Array<number>(pastLen + S).fill(1), [1, pastLen + S]), ...past };
    if (session.inputNames.includes('position_ids')) feeds.position_ids = int64(Array.from({ length: S }, (_, i) => pastLen + i), [1, S]);
    return session.run(feeds);
  };
  await runOnce(prompt.slice(0, 8), pastOf(null), 0);
  const loadMs = performance.now() - t0;
  const start = performance.now();
  let out = await runOnce(prompt, pastOf(null), 0);
  const vocab = out.logits!.dims[2]!;
  const ids = [argmax(out.logits!.data as Float32Array, (prompt.length - 1) * vocab, prompt.length * vocab)];
  const ttftMs = performance.now() - start;
  const decodeStart = performance.now();
  let pastLen = prompt.length;
  for (let i = 1; i < n; i++) {
    out = await runOnce([ids[ids.length - 1]!], pastOf(out), pastLen);
    pastLen++;
    ids.push(argmax(out.logits!.data as Float32Array, 0, vocab));
  }
  await session.release();
  return { ids, loadMs, ttftMs, decodeMsPerToken: (performance.now() - decodeStart) / Math.max(1, n - 1) };
}
