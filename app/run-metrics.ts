// A run's metrics: one schema with the field's names (vLLM, Spec-Bench). Its own module so that the
// method descriptors (which name their metric columns) and the run contract need not import each other.
import { z } from 'zod';

/** Metrics with the field's names (vLLM / Spec-Bench); only those a method produces are present. */
export const RunMetrics = z.object({
  promptTokens: z.number().int().min(0),
  newTokens: z.number().int().min(0),
  /** Time to first token: run start to the first generated token (ms). */
  ttftMs: z.number().nullable(),
  /**
   * Prompt prefill of every model the method runs (the sum of its `prefill` events: the primary
   * model's prompt, a second model's prompt, SpecReason's judge conversation when first encoded), ms.
   */
  prefillMs: z.number(),
  /** Prompt positions actually computed by those prefills (a reused cached prefix excluded), per second of prefillMs. */
  prefillTokensPerS: z.number().nullable(),
  /** Wall time outside prompt prefill: totalMs - prefillMs (every model's drafting, verifying, judging, catching up). */
  decodeMs: z.number(),
  /** Generated tokens per second of decodeMs (newTokens / decodeMs); the same definition for one- and two-model methods. */
  decodeTokensPerS: z.number().nullable(),
  totalMs: z.number(),
  /**
   * Positions computed per model role (target, draft, small, large, model), every forward pass counted:
   * prompt prefill at its full length (a reused cached prefix counts too, so a warm cache does not make
   * a method look cheaper), drafts, verification trees, judge passes, catch-ups. An early-exit pass
   * through l of L layers counts l/L per position.
   */
  positionsByModel: z.record(z.string(), z.number()).optional(),
  /**
   * Spec-Bench's accept_lengths: tokens emitted per target pass that emitted any (the prefill's first
   * token is one entry of 1), an end-of-turn token emitted by a round counted in it; sums to
   * newTokens (+1 when the run ended on end-of-turn). Methods with draft rounds only.
   */
  acceptLengths: z.array(z.number().int().min(0)).optional(),
  /** Milliseconds of untimed warm-up done before this run (first use of a model in the engine process). */
  warmupMs: z.number().optional(),
  /** A model ran its first passes inside this run's timings (warm-up off): its speed figures read low. */
  coldStart: z.boolean().optional(),
  /** Forward passes of the target / large model (prefill included). */
  targetForwardPasses: z.number().int().min(0).optional(),
  draftForwardPasses: z.number().int().min(0).optional(),
  /** Speculative: rounds, tokens drafted and accepted, and the derived rates. */
  rounds: z.number().int().min(0).optional(),
  draftTokens: z.number().int().min(0).optional(),
  acceptedTokens: z.number().int().min(0).optional(),
  /** 1 + accepted / rounds (includes the bonus token), as vLLM reports it. */
  meanAcceptanceLength: z.number().optional(),
  /** Unconditional: accepted at position i / rounds. */
  perPositionAcceptance: z.array(z.number()).optional(),
  draftAcceptanceRate: z.number().optional(),
  /** Draft-side cost in ms (drafting time, all rounds). */
  draftMs: z.number().optional(),
  verifyMs: z.number().optional(),
  /** EAD / SpecReason: share of output tokens written by the large model. */
  largeShare: z.number().optional(),
  /**
   * Every method: sum over models of parameters x positionsByModel, over the primary model's
   * parameters x the positions it would compute alone for the same prompt and output
   * (promptTokens + newTokens - 1, +1 when the run ended on end-of-turn). 1 = the primary model alone.
   */
  paramWeightedCost: z.number().optional(),
  switches: z.number().int().min(0).optional(),
  steps: z.number().int().min(0).optional(),
  stepsAccepted: z.number().int().min(0).optional(),
  judgeMs: z.number().optional(),
  /** RICE: reasoning length (tokens between the thinking markers). */
  thinkingTokens: z.number().int().min(0).optional(),
  /** Particle filtering, A*-decoding (branch search): judge passes as a process reward model, tokens sampled by every particle or candidate (kept or not), resampling rounds, expanded nodes. */
  prmCalls: z.number().int().min(0).optional(),
  sampledTokens: z.number().int().min(0).optional(),
  resamplings: z.number().int().min(0).optional(),
  expansions: z.number().int().min(0).optional(),
  /** Repeated sampling: samples drawn, tokens across all of them, the selected sample's index and answer. */
  samples: z.number().int().min(0).optional(),
  sampleTokens: z.number().int().min(0).optional(),
  selectedSample: z.number().int().min(0).optional(),
  selectedAnswer: z.string().nullable().optional(),
  /** Why generation ended: end-of-turn token, token limit, stop string, cancelled, or a method's own rule. */
  stopReason: z.enum(['eos', 'max_tokens', 'stop_string', 'cancelled', 'answer', 'budget', 'repetition']).optional(),
});
export type RunMetrics = z.infer<typeof RunMetrics>;
