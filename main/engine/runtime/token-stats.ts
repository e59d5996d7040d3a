// Per-token statistics recorded in the trace: log-probability and entropy under the model's own
// (temperature 1) distribution, and the top alternatives with their text.
import type { TopAlternative } from '../../../app/events';
import { entropyOf, logSoftmax, topK } from './sampling';
import type { WorkbenchTokenizer } from './tokenizer';

export interface TokenStats {
  logprob: number;
  entropy: number;
  top: TopAlternative[];
}

export function tokenStats(logits: ArrayLike<number>, id: number, k: number, tokenizer: WorkbenchTokenizer): TokenStats {
  const lp = logSoftmax(logits);
  return {
    logprob: lp[id] ?? -Infinity,
    entropy: entropyOf(lp),
    top: topK(lp, k).map(([i, v]) => ({ id: i, text: tokenizer.piece(i), logprob: v })),
  };
}
