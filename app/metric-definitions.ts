// One written definition per speed or cost figure the workbench shows, used as the UI's tooltips and
// mirrored in DESIGN.md ("Metric definitions"). A figure shown anywhere (run stats, Compare tables,
// method panels, CLI tables, exports) means what its entry here says; code that computes one names it.

/** Figures with a definition: run metrics and the aggregates built from them. */
export type FigureKey =
  | 'ttftMs'
  | 'prefillMs'
  | 'prefillTokensPerS'
  | 'decodeMs'
  | 'decodeTokensPerS'
  | 'totalMs'
  | 'wallTokensPerS'
  | 'speedup'
  | 'decodeSpeedup'
  | 'meanAcceptanceLength'
  | 'meanAcceptedTokens'
  | 'acceptLengths'
  | 'draftAcceptanceRate'
  | 'positionsByModel'
  | 'paramWeightedCost'
  | 'largeShare'
  | 'coldStart'
  | 'warmupMs'
  | 'timeSavedVsLarge'
  | 'meanLatencyMs';

export interface FigureDefinition {
  label: string;
  /** One or two sentences: what is divided by what, over which runs. */
  definition: string;
}

export const figureDefinitions: Record<FigureKey, FigureDefinition> = {
  ttftMs: { label: 'TTFT', definition: 'Time to first token: run start (models loaded and warmed up) to the first generated token, ms.' },
  prefillMs: {
    label: 'Prefill time',
    definition: "Prompt prefill of every model the method runs (the sum of its prefill events: the primary model's prompt, a second model's, SpecReason's judge conversation when first encoded), ms.",
  },
  prefillTokensPerS: { label: 'Prefill tok/s', definition: 'Prompt positions actually computed by those prefills (a reused cached prefix excluded) per second of prefill time.' },
  decodeMs: { label: 'Decode time', definition: "Wall time outside prompt prefill (total - prefill): every model's drafting, verifying, judging and catching up." },
  decodeTokensPerS: { label: 'Decode tok/s', definition: 'Generated tokens per second of decode time (new tokens / decode time), for one- and two-model methods alike.' },
  totalMs: { label: 'Total', definition: 'Wall time of the run, prefill included (models already loaded and warmed up), ms.' },
  wallTokensPerS: { label: 'Tokens/s', definition: 'Generated tokens (an emitted end-of-turn token included, as Spec-Bench counts it) per second of total wall time, prefill included.' },
  speedup: {
    label: 'Speedup',
    definition:
      "Spec-Bench's speedup: the mean over prompts of each run's tokens/s of wall time (prefill included), over the same mean of the autoregressive baseline on the same prompts (and samples). >1 is faster.",
  },
  decodeSpeedup: { label: 'Decode speedup', definition: "Decode-only companion of the speedup: pooled decode tok/s (time outside prompt prefill) over the baseline's, on the same prompts." },
  meanAcceptanceLength: { label: 'Mean acceptance length', definition: "vLLM's: 1 + accepted draft tokens / rounds, pooled over every round (the bonus or resampled token included)." },
  meanAcceptedTokens: {
    label: 'Mean accepted tokens',
    definition: "Spec-Bench's #Mean accepted tokens: the mean of every accept length of every run (tokens per target pass that emitted any; the prefill's first token is one entry of 1; 1 per token for autoregressive runs).",
  },
  acceptLengths: { label: 'Accept lengths', definition: "Spec-Bench's accept_lengths: tokens emitted per target pass that emitted any, an emitted end-of-turn counted in its round; they sum to the run's tokens." },
  draftAcceptanceRate: { label: 'Draft acceptance rate', definition: 'Accepted draft tokens / drafted tokens.' },
  positionsByModel: {
    label: 'Positions computed',
    definition: 'Positions each model computed, every forward pass counted (prompt prefill at full length, drafts, verification trees, judge passes, catch-ups); an early-exit pass through l of L layers counts l/L.',
  },
  paramWeightedCost: {
    label: 'Param-weighted cost',
    definition:
      "Sum over models of parameters x positions computed, over the primary model's parameters x the positions it alone would compute for the same prompt and output (prompt + tokens - 1). 1 = the target/large model alone.",
  },
  largeShare: { label: 'Large share', definition: 'Share of output tokens written by the large model (EAD, SpecReason).' },
  coldStart: { label: 'Cold', definition: 'A model ran its first passes inside this run (warm-up off): onnxruntime\'s first passes are several times slower, so the run\'s speed figures read low.' },
  warmupMs: { label: 'Warm-up', definition: 'Untimed warm-up done before the run: a short pass per graph, the first time the engine process uses a model.' },
  timeSavedVsLarge: {
    label: 'Time saved vs large alone',
    definition:
      "Measured: total wall time of an autoregressive large-model run on the same prompt minus this run's. Without one, an estimate labelled as such: the large model's ms/token in this run's large steps x the output tokens, minus small + judge + large time.",
  },
  meanLatencyMs: { label: 'Mean latency', definition: 'Mean total wall time per run, prefill included.' },
};

/** The tooltip text of a figure: its definition. */
export function defineFigure(key: FigureKey): string {
  return figureDefinitions[key].definition;
}
