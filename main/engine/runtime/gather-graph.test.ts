// The generated gather graph loads in onnxruntime and gathers exactly the positions asked for, in
// order, from every input tensor (checked on the CPU provider against the values' coordinates).
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { kvGatherModel } from './gather-graph';

describe('kvGatherModel', () => {
  it('gathers positions along the length axis of each KV tensor', async () => {
    const heads = 2;
    const headDim = 3;
    const length = 5;
    const session = await ort.InferenceSession.create(kvGatherModel(2, heads, headDim));
    expect(session.inputNames).toEqual(['kv.0', 'kv.1', 'positions']);
    expect(session.outputNames).toEqual(['out.0', 'out.1']);
    // value = tensor * 1000 + head * 100 + position * 10 + d
    const kv = (t: number) => {
      const a = new Float32Array(heads * length * headDim);
      for (let h = 0; h < heads; h++) for (let p = 0; p < length; p++) for (let d = 0; d < headDim; d++) a[(h * length + p) * headDim + d] = t * 1000 + h * 100 + p * 10 + d;
      return new ort.Tensor('float32', a, [1, heads, length, headDim]);
    };
    const positions = [0, 1, 3, 4];
    const out = await session.run({ 'kv.0': kv(0), 'kv.1': kv(1), positions: new ort.Tensor('int64', BigInt64Array.from(positions.map(BigInt)), [positions.length]) });
    for (const t of [0, 1]) {
      const o = out[`out.${t}`]!;
      expect(o.dims).toEqual([1, heads, positions.length, headDim]);
      const expected: number[] = [];
      for (let h = 0; h < heads; h++) for (const p of positions) for (let d = 0; d < headDim; d++) expected.push(t * 1000 + h * 100 + p * 10 + d);
      expect(Array.from(o.data as Float32Array)).toEqual(expected);
    }
  });

  it('gathers float16 caches as float16 (bit patterns unchanged)', async () => {
    const heads = 1;
    const headDim = 2;
    const session = await ort.InferenceSession.create(kvGatherModel(1, heads, headDim, true));
    const bits = Uint16Array.from([0x3c00, 0x4000, 0x4200, 0x4400, 0x4500, 0x4600]); // 1, 2, 3, 4, 5, 6
    const out = await session.run({ 'kv.0': new ort.Tensor('float16', bits, [1, heads, 3, headDim]), positions: new ort.Tensor('int64', BigInt64Array.from([2n, 0n]), [2]) });
    expect(out['out.0']!.type).toBe('float16');
    expect(Array.from(out['out.0']!.data as Uint16Array)).toEqual([0x4500, 0x4600, 0x3c00, 0x4000]);
  });
});
