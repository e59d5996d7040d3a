// Half precision conversion against known bit patterns and a round trip over every half value.
import { describe, expect, it } from 'vitest';
import { floatToHalf, floatToHalfBits, halfToFloat } from './half';

describe('half <-> float', () => {
  it('converts known values both ways', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [1, 0x3c00],
      [-2, 0xc000],
      [65504, 0x7bff],
      [2 ** -24, 0x0001], // smallest subnormal
      [0.333251953125, 0x3555],
      [Infinity, 0x7c00],
    ];
    for (const [f, h] of cases) {
      expect(floatToHalfBits(f)).toBe(h);
      expect(halfToFloat(new Uint16Array([h]))[0]).toBe(f);
    }
    expect(floatToHalfBits(1e9)).toBe(0x7c00); // overflow to infinity
    expect(floatToHalfBits(1 + 2 ** -11)).toBe(0x3c00); // tie rounds to even
    expect(floatToHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });

  it('round-trips every finite half value exactly', () => {
    const all = new Uint16Array(65536).map((_, i) => i);
    const back = floatToHalf(halfToFloat(all));
    for (let i = 0; i < 65536; i++) {
      const exp = (i >> 10) & 0x1f;
      if (exp === 0x1f && i & 0x3ff) continue; // NaNs keep NaN-ness, not their payload
      if (back[i] !== i) throw new Error(`half ${i.toString(16)} came back as ${back[i]!.toString(16)}`);
    }
  });
});
