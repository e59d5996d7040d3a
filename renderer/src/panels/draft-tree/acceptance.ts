// Acceptance statistics of a speculative run computed from its draft_round events, with the field's
// definitions (vLLM / Spec-Bench, as the engine's metrics): acceptance length of a round = accepted
// draft tokens + 1 (the bonus or corrected token); mean acceptance length = 1 + accepted / rounds;
// per-position acceptance is unconditional (rounds whose accepted prefix reached position i / rounds);
// draft acceptance rate = accepted / drafted. Used live, before the run's metrics exist.
import type { DraftRoundEvent } from '@app/events';
import type { RunMetrics } from '@app/runs';

export interface RoundAcceptance {
  round: number;
  /** Index of the first token the round emitted. */
  tokenIndex: number;
  drafted: number;
  accepted: number;
  /** accepted + 1: what the round added to the output when not cut short by a stop. */
  acceptanceLength: number;
  /** Deepest draft position of the round. */
  depth: number;
  emitted: number;
  draftMs: number;
  verifyMs: number;
}

export interface AcceptanceSummary {
  rounds: number;
  draftTokens: number;
  acceptedTokens: number;
  /** Null before the first round. */
  meanAcceptanceLength: number | null;
  perPositionAcceptance: number[];
  draftAcceptanceRate: number | null;
  draftMs: number;
  verifyMs: number;
}

/** One row per round. */
export function roundAcceptance(rounds: readonly DraftRoundEvent[]): RoundAcceptance[] {
  return rounds.map((r) => {
    let depth = 0;
    for (const n of r.nodes) if (n.depth > depth) depth = n.depth;
    return {
      round: r.round,
      tokenIndex: r.tokenIndex,
      drafted: r.nodes.length,
      accepted: r.acceptedPath.length,
      acceptanceLength: r.acceptedPath.length + 1,
      depth,
      emitted: r.emitted,
      draftMs: r.draftMs,
      verifyMs: r.verifyMs,
    };
  });
}

/** The run-level statistics from the rounds so far. */
export function summarizeAcceptance(rounds: readonly DraftRoundEvent[]): AcceptanceSummary {
  const rows = roundAcceptance(rounds);
  const maxDepth = rows.reduce((d, r) => Math.max(d, r.depth), 0);
  const reached = new Array<number>(maxDepth).fill(0);
  let draftTokens = 0;
  let acceptedTokens = 0;
  let draftMs = 0;
  let verifyMs = 0;
  for (const r of rows) {
    draftTokens += r.drafted;
    acceptedTokens += r.accepted;
    draftMs += r.draftMs;
    verifyMs += r.verifyMs;
    for (let i = 0; i < r.accepted && i < maxDepth; i++) reached[i]!++;
  }
  const n = rows.length;
  return {
    rounds: n,
    draftTokens,
    acceptedTokens,
    meanAcceptanceLength: n > 0 ? 1 + acceptedTokens / n : null,
    perPositionAcceptance: n > 0 ? reached.map((c) => c / n) : [],
    draftAcceptanceRate: draftTokens > 0 ? acceptedTokens / draftTokens : null,
    draftMs,
    verifyMs,
  };
}

/** Per-position acceptance to show: the run's recorded metric when it has one, else computed from rounds. */
export function perPositionFor(metrics: RunMetrics | null | undefined, rounds: readonly DraftRoundEvent[]): { values: number[]; source: 'metrics' | 'rounds' } {
  if (metrics?.perPositionAcceptance && metrics.perPositionAcceptance.length > 0) return { values: metrics.perPositionAcceptance, source: 'metrics' };
  return { values: summarizeAcceptance(rounds).perPositionAcceptance, source: 'rounds' };
}

/** Histogram of acceptance lengths: counts[k] = rounds whose acceptance length was k (index 0 unused). */
export function acceptanceLengthHistogram(rows: readonly RoundAcceptance[]): number[] {
  const max = rows.reduce((m, r) => Math.max(m, r.acceptanceLength), 0);
  const counts = new Array<number>(max + 1).fill(0);
  for (const r of rows) counts[r.acceptanceLength]!++;
  return counts;
}

/** The round with the longest accepted path (the first of them): a finished run opens on it. */
export function defaultRoundIndex(rows: readonly Pick<RoundAcceptance, 'accepted'>[]): number {
  let best = 0;
  rows.forEach((r, i) => {
    if (r.accepted > rows[best]!.accepted) best = i;
  });
  return best;
}
