// Per-token statistics recorded in the trace: log-probability and entropy under the model's own
// (temperature 1) distribution, and the top alternatives with their text.
import type { TopAlternative } from '@app/events';
import { topK } from './sampling';
import type { WorkbenchTokenizer } from './tokenizer';

export interface TokenStats {
  logprob: number;
  entropy: number;
  top: TopAlternative[];
}

export function tokenStats(logits: ArrayLike<number>, id: number, k: number, tokenizer: WorkbenchTokenizer): TokenStats {
  // One exp per element and no allocation (this runs once per emitted token over the whole vocabulary:
  // 152k entries for Qwen): entropy = lse - sum(p_i x_i), log p_i = x_i - lse.
  const n = logits.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (logits[i]! > max) max = logits[i]!;
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    const x = logits[i]!;
    if (x === -Infinity) continue;
    const e = Math.exp(x - max);
    sum += e;
    weighted += e * x;
  }
  const lse = max + Math.log(sum);
  return {
    logprob: id >= 0 && id < n ? logits[id]! - lse : -Infinity,
    entropy: lse - weighted / sum,
    top: topK(logits, k).map(([i, v]) => ({ id: i, text: tokenizer.piece(i), logprob: v - lse })),
  };
}
