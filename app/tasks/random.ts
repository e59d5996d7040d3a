// Seeded randomness for the task suite: a small deterministic PRNG (mulberry32), the FNV-1a string
// hash, and seed derivation, so the same options always produce the same problems on every platform.

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** A seeded pseudo-random number generator (mulberry32): fast, 32-bit state, identical everywhere. */
export class Rng {
  private state: number;

  /** Starts the generator from `seed` (any number; it is reduced to an unsigned 32-bit integer). */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
      throw new RangeError(`Rng.int needs integers lo <= hi, got ${lo}..${hi}`);
    }
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new RangeError('Rng.pick needs a non-empty array');
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** Shuffles `xs` in place (Fisher-Yates) and returns it. */
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * 32-bit FNV-1a hash (unsigned) of the UTF-8 bytes of `s`, so it matches reference implementations
 * in other languages (e.g. Python over `s.encode('utf-8')`).
 */
export function hashString(s: string): number {
  let hash = FNV_OFFSET_BASIS;
  const mix = (byte: number): void => {
    hash = Math.imul(hash ^ byte, FNV_PRIME);
  };
  for (let i = 0; i < s.length; i++) {
    let code = s.charCodeAt(i);
    // Combine a surrogate pair into one code point; a lone surrogate is encoded as U+FFFD, as TextEncoder does.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else {
        code = 0xfffd;
      }
    } else if (code >= 0xd800 && code <= 0xdfff) {
      code = 0xfffd;
    }
    if (code < 0x80) {
      mix(code);
    } else if (code < 0x800) {
      mix(0xc0 | (code >> 6));
      mix(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      mix(0xe0 | (code >> 12));
      mix(0x80 | ((code >> 6) & 0x3f));
      mix(0x80 | (code & 0x3f));
    } else {
      mix(0xf0 | (code >> 18));
      mix(0x80 | ((code >> 12) & 0x3f));
      mix(0x80 | ((code >> 6) & 0x3f));
      mix(0x80 | (code & 0x3f));
    }
  }
  return hash >>> 0;
}

/**
 * A stable 32-bit seed from a list of parts (e.g. a base seed, a family and a difficulty). Parts are
 * typed in the key, so `1` and `'1'` give different seeds; the hash is finished with an avalanche
 * step so that neighbouring inputs give unrelated seeds.
 */
export function deriveSeed(...parts: (string | number)[]): number {
  const key = parts.map((part) => `${typeof part === 'number' ? 'n' : 's'}${String(part)}`).join('\u0000');
  let h = hashString(key);
  // murmur3's fmix32 finaliser.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
