import { describe, expect, it } from 'vitest';
import { deriveSeed, hashString, Rng } from './random';

describe('Rng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 100 }, () => a.next());
    const seqB = Array.from({ length: 100 }, () => b.next());
    const seqC = Array.from({ length: 100 }, () => c.next());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('draws floats in [0, 1) with a plausible mean', () => {
    const rng = new Rng(1);
    const xs = Array.from({ length: 20_000 }, () => rng.next());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it('draws integers in an inclusive range, reaching both ends', () => {
    const rng = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const n = rng.int(-2, 3);
      expect(Number.isInteger(n)).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort((x, y) => x - y)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(rng.int(5, 5)).toBe(5);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
    expect(() => rng.int(0.5, 2)).toThrow(RangeError);
  });

  it('picks elements of the array and refuses an empty one', () => {
    const rng = new Rng(3);
    const xs = ['a', 'b', 'c'] as const;
    const seen = new Set(Array.from({ length: 300 }, () => rng.pick(xs)));
    expect(seen).toEqual(new Set(xs));
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('shuffles in place into a permutation', () => {
    const rng = new Rng(9);
    const xs = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle(xs);
    expect(shuffled).toBe(xs);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(shuffled).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('returns true from chance(p) about p of the time', () => {
    const rng = new Rng(11);
    const hits = Array.from({ length: 20_000 }, () => rng.chance(0.3)).filter(Boolean).length;
    expect(hits / 20_000).toBeGreaterThan(0.28);
    expect(hits / 20_000).toBeLessThan(0.32);
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
  });
});

describe('hashString', () => {
  it('matches the published 32-bit FNV-1a test vectors', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    // 'é' is the two bytes c3 a9; hash them by hand.
    let h = 0x811c9dc5;
    for (const byte of [0xc3, 0xa9]) h = Math.imul(h ^ byte, 0x01000193);
    expect(hashString('é')).toBe(h >>> 0);
    expect(hashString('😀')).not.toBe(hashString('\ud83d'));
  });

  it('returns an unsigned 32-bit integer', () => {
    for (const s of ['x', 'hello world', '\u0000', 'a'.repeat(1000)]) {
      const h = hashString(s);
      expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).toBe(true);
    }
  });
});

describe('deriveSeed', () => {
  it('is stable and sensitive to every part, their order and their type', () => {
    expect(deriveSeed(1, 'arithmetic', 3)).toBe(deriveSeed(1, 'arithmetic', 3));
    const seeds = [
      deriveSeed(1, 'arithmetic', 3),
      deriveSeed(2, 'arithmetic', 3),
      deriveSeed(1, 'variables', 3),
      deriveSeed(1, 'arithmetic', 4),
      deriveSeed(3, 'arithmetic', 1),
      deriveSeed('1', 'arithmetic', 3),
    ];
    expect(new Set(seeds).size).toBe(seeds.length);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s <= 0xffffffff).toBe(true);
  });
});
