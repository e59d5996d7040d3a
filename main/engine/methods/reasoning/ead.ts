// Entropy-adaptive decoding (Simonds 2025, arXiv 2502.06833): the small model generates while the
// rolling mean of the next-token entropy (in bits, the paper's log2, or nats) over the last `window`
// tokens stays at or below tau, the large model while it is above; the model generating keeps
// control for at least `minDwell` tokens before any switch (the paper's c >= d_min, both models; the
// large-only reading is an option). Whose entropy feeds the mean (the generating model's, or always
// the small one's) and the dwell's value are unverified in the paper, hence parameters. Both KV caches hold the same sequence: a model
// that takes over first catches up on the tokens it missed in one multi-token forward pass.
import type { MethodConfigOf } from '@app/methods';
import { chooseToken } from '../../runtime/sampling';
import type { MethodImplementation } from '../context';
import { Track } from './track';

type Config = MethodConfigOf<'ead'>;
type Role = 'small' | 'large';

/**
 * Test-only hook: when engine state holds a function under this key, an EAD run ends by bringing both
 * caches to the final sequence and hands them over (the cache-consistency test reads them).
 */
export const EAD_DEBUG_HOOK = 'ead.debug';

export interface EadDebugSnapshot {
  /** Prompt + generated tokens (the last generated one included). */
  tokens: number[];
  tracks: Record<Role, Track>;
  /** Next-token logits of each model after `tokens`, from its own incrementally built cache. */
  logits: Record<Role, Float32Array>;
}

/** Entropy (nats) of softmax(logits). */
export function entropyOfLogits(logits: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  let z = 0;
  let s = 0;
  for (let i = 0; i < logits.length; i++) {
    const d = logits[i]! - max;
    const e = Math.exp(d);
    z += e;
    s += e * d;
  }
  // Rounding can leave a hair below zero for a one-hot distribution.
  return Math.max(0, Math.log(z) - s / z);
}

/** The EAD method: token-level switching between the small and the large model on rolling entropy. */
export const ead: MethodImplementation<Config> = {
  async run(ctx) {
    const c = ctx.config;
    const tracks: Record<Role, Track> = {
      small: new Track(ctx.models.small!, (t) => ctx.prefill('small', t)),
      large: new Track(ctx.models.large!, (t) => ctx.prefill('large', t)),
    };
    // Entropies are kept (and traced) in nats; tau is compared in its own unit.
    const inUnit = (nats: number) => (c.params.entropyUnit === 'bits' ? nats / Math.LN2 : nats);
    const seq = ctx.promptIds.slice();
    const window: number[] = [];
    const counts: Record<Role, number> = { small: 0, large: 0 };
    let switches = 0;
    let dwell = 0;

    // The first decision has no history: it uses the small model's entropy at the end of the prompt.
    const probe = entropyOfLogits(await tracks.small.logitsAfter(seq));
    let owner: Role = inUnit(probe) > c.params.tau ? 'large' : 'small';
    if (owner === 'large') {
      await tracks.large.logitsAfter(seq);
      switches++;
      ctx.emit({ kind: 'switch', tokenIndex: 0, from: 'small', to: 'large', rollingEntropy: probe, catchUpTokens: tracks.large.lastFed, catchUpMs: tracks.large.lastMs });
    }

    while (!ctx.signal.cancelled) {
      const logits = await tracks[owner].logitsAfter(seq);
      const { id } = chooseToken(logits, ctx.sampling, ctx.rng);
      const entropy = c.params.entropySource === 'small' && owner === 'large' ? entropyOfLogits(await tracks.small.logitsAfter(seq)) : entropyOfLogits(logits);
      window.push(entropy);
      if (window.length > c.params.window) window.shift();
      const rolling = window.reduce((a, b) => a + b, 0) / window.length;
      const before = ctx.sink.count;
      const stop = ctx.sink.push(id, ctx.stats(owner, logits, id), owner, { rollingEntropy: rolling });
      if (ctx.sink.count > before) {
        seq.push(id);
        counts[owner]++;
      }
      if (stop) break;
      dwell++;
      const wanted: Role = inUnit(rolling) > c.params.tau ? 'large' : 'small';
      const held = (c.params.dwellFor === 'both' || owner === 'large') && dwell < c.params.minDwell;
      if (wanted !== owner && !held) {
        const incoming = tracks[wanted];
        await incoming.logitsAfter(seq);
        switches++;
        ctx.emit({ kind: 'switch', tokenIndex: ctx.sink.count, from: owner, to: wanted, rollingEntropy: rolling, catchUpTokens: incoming.lastFed, catchUpMs: incoming.lastMs });
        owner = wanted;
        dwell = 0;
      }
    }

    const hook = ctx.state.get(EAD_DEBUG_HOOK);
    if (typeof hook === 'function') {
      const snapshot: EadDebugSnapshot = {
        tokens: seq.slice(),
        tracks,
        logits: { small: await tracks.small.logitsAfter(seq), large: await tracks.large.logitsAfter(seq) },
      };
      (hook as (s: EadDebugSnapshot) => void)(snapshot);
    }

    const total = counts.small + counts.large;
    return {
      largeShare: total > 0 ? counts.large / total : 0,
      switches,
      targetForwardPasses: tracks.large.stats.passes,
      draftForwardPasses: tracks.small.stats.passes,
    };
  },
};
