// Token statistics against the two-pass definition (log-softmax, then entropy of it).
import { describe, expect, it } from 'vitest';
import { entropyOf, logSoftmax } from './sampling';
import { tokenStats } from './token-stats';

describe('tokenStats', () => {
  it('equals log-softmax and its entropy, with the top alternatives as log-probabilities', () => {
    const logits = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i * 12.9898) * 8 + (i === 77 ? 20 : 0));
    logits[5] = -Infinity;
    const tok = { piece: (i: number) => `t${i}` } as never;
    const s = tokenStats(logits, 42, 3, tok);
    const lp = logSoftmax(logits);
    expect(s.logprob).toBeCloseTo(lp[42]!, 9);
    expect(s.entropy).toBeCloseTo(entropyOf(lp), 9);
    expect(s.top[0]).toEqual({ id: 77, text: 't77', logprob: expect.closeTo(lp[77]!, 9) as number });
    expect(s.top.map((t) => t.id)).toEqual([...lp.keys()].sort((a, b) => lp[b]! - lp[a]!).slice(0, 3));
  });
});
