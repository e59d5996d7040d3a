// SpecReason totals from the step events: how many steps the small model got accepted, the large
// model's share of the output tokens, the judge's time, and the time saved against the large model
// writing everything alone, estimated either from a measured large-alone run of the same prompt or,
// lacking one, from this run's own large-model step timings (ms per token, times all output tokens).
import type { StepEvent, TokenEvent } from '@app/events';
import type { RunMetrics } from '@app/runs';

export interface StepTotals {
  steps: number;
  accepted: number;
  /** Steps forced to the large model by the first-n rule. */
  forced: number;
  /** Steps the judge scored. */
  judged: number;
  acceptedShare: number | null;
  finalTokens: number;
  largeFinalTokens: number;
  largeShare: number | null;
  smallMs: number;
  judgeMs: number;
  largeMs: number;
  /** Time in the three parts (the method's own work, without prefill bookkeeping). */
  methodMs: number;
}

export type SavingBasis = 'large-alone run' | 'large-model step timings';

export interface TimeSaving {
  basis: SavingBasis;
  /** What the large model alone would take (measured or estimated). */
  largeAloneMs: number;
  /** This run's time on the same footing. */
  runMs: number;
  savedMs: number;
  /** largeAloneMs / runMs. */
  speedup: number;
  /** How the estimate was made, for the tooltip. */
  detail: string;
}

/** Tokens of the final text of a step; pushed token counts when the stream is known. */
function finalTokensOf(step: StepEvent, next: StepEvent | undefined, tokenCount: number | null): number {
  if (tokenCount !== null) {
    const end = next ? next.tokenIndex : tokenCount;
    return Math.max(0, end - step.tokenIndex);
  }
  return step.author === 'large' ? step.largeTokens : step.smallTokens;
}

/** The run's totals; `tokens` (the token events) make the token shares exact, else step counts are used. */
export function stepTotals(steps: readonly StepEvent[], tokens: readonly TokenEvent[] | null): StepTotals {
  const tokenCount = tokens && tokens.length > 0 ? tokens.length : null;
  let accepted = 0;
  let forced = 0;
  let judgedSteps = 0;
  let finalTokens = 0;
  let largeFinalTokens = 0;
  let smallMs = 0;
  let judgeMs = 0;
  let largeMs = 0;
  steps.forEach((s, i) => {
    if (s.accepted) accepted++;
    if (s.forced) forced++;
    if (s.score !== undefined) judgedSteps++;
    const n = finalTokensOf(s, steps[i + 1], tokenCount);
    finalTokens += n;
    if (s.author === 'large') largeFinalTokens += n;
    smallMs += s.smallMs;
    judgeMs += s.judgeMs;
    largeMs += s.largeMs;
  });
  // The share is of the steps the small model drafted (forced steps never had a small draft).
  const drafted = steps.length - forced;
  return {
    steps: steps.length,
    accepted,
    forced,
    judged: judgedSteps,
    acceptedShare: drafted > 0 ? accepted / drafted : null,
    finalTokens,
    largeFinalTokens,
    largeShare: finalTokens > 0 ? largeFinalTokens / finalTokens : null,
    smallMs,
    judgeMs,
    largeMs,
    methodMs: smallMs + judgeMs + largeMs,
  };
}

/**
 * Time saved against the large model alone. With a large-alone run of the same prompt: its total time
 * against this run's total time. Otherwise: the large model's ms per token in this run's rejected or
 * forced steps, times every output token, against the time of the three parts. Null when neither is
 * possible (no large-alone run and the large model wrote nothing).
 */
export function timeSaving(totals: StepTotals, steps: readonly StepEvent[], runMetrics: RunMetrics | null | undefined, largeAlone: RunMetrics | null | undefined): TimeSaving | null {
  if (largeAlone && runMetrics && runMetrics.totalMs > 0) {
    const saved = largeAlone.totalMs - runMetrics.totalMs;
    return {
      basis: 'large-alone run',
      largeAloneMs: largeAlone.totalMs,
      runMs: runMetrics.totalMs,
      savedMs: saved,
      speedup: largeAlone.totalMs / runMetrics.totalMs,
      detail: `measured: a large-model autoregressive run of the same prompt took ${Math.round(largeAlone.totalMs)} ms end to end (${largeAlone.newTokens} tokens), this run ${Math.round(runMetrics.totalMs)} ms`,
    };
  }
  let ms = 0;
  let tokens = 0;
  for (const s of steps) {
    if (s.largeTokens > 0 && s.largeMs > 0) {
      ms += s.largeMs;
      tokens += s.largeTokens;
    }
  }
  if (tokens === 0 || totals.finalTokens === 0 || totals.methodMs <= 0) return null;
  const perToken = ms / tokens;
  const largeAloneMs = perToken * totals.finalTokens;
  return {
    basis: 'large-model step timings',
    largeAloneMs,
    runMs: totals.methodMs,
    savedMs: largeAloneMs - totals.methodMs,
    speedup: largeAloneMs / totals.methodMs,
    detail: `estimated: the large model wrote ${tokens} tokens in ${Math.round(ms)} ms here (${perToken.toFixed(1)} ms/token); ${totals.finalTokens} output tokens at that rate, against small + judge + large time of this run`,
  };
}

/** Index of the highest digit probability; null without a distribution. */
export function modeDigit(distribution: readonly number[] | undefined): number | null {
  if (!distribution || distribution.length === 0) return null;
  let best = 0;
  for (let i = 1; i < distribution.length; i++) if (distribution[i]! > distribution[best]!) best = i;
  return best;
}
