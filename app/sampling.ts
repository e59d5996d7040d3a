// Decoding parameters shared by every method: greedy when temperature is 0, otherwise sampling with
// top-k / top-p filtering and a seed (same seed, same tokens).
import { z } from 'zod';

export const SamplingParams = z.object({
  /** 0 means greedy (argmax). */
  temperature: z.number().min(0).max(5).default(0),
  /** 0 disables top-k filtering. */
  topK: z.number().int().min(0).default(0),
  /** 1 disables nucleus filtering. */
  topP: z.number().gt(0).max(1).default(1),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  maxNewTokens: z.number().int().min(1).max(32768).default(256),
  /** Extra strings that end generation (the model's end-of-turn token always does). */
  stop: z.array(z.string().min(1)).max(8).default([]),
  /** Keep generating past the end-of-turn token, which is then emitted like any other (fixed-length runs). */
  ignoreEos: z.boolean().default(false),
  /** How many top alternatives each token event carries (for hover and analysis). */
  topLogprobs: z.number().int().min(0).max(20).default(5),
});
export type SamplingParams = z.infer<typeof SamplingParams>;

export const defaultSampling: SamplingParams = SamplingParams.parse({});

export function isGreedy(s: Pick<SamplingParams, 'temperature'>): boolean {
  return s.temperature === 0;
}
