// Acceptance bookkeeping for the speculative methods, turned into MethodMetrics with the field's
// definitions (vLLM / Spec-Bench): mean acceptance length = 1 + accepted / rounds (the bonus or
// corrected token included), unconditional per-position acceptance = rounds whose accepted prefix
// reached position i / rounds, draft acceptance rate = accepted / drafted tokens.
import type { MethodMetrics } from '../context';

export interface RoundRecord {
  /** Tokens drafted this round (tree nodes for tree methods). */
  drafted: number;
  /** Draft tokens the verifier accepted (the accepted path's length). */
  accepted: number;
  /** Deepest position that could have been accepted (chain length, tree depth). */
  depth: number;
  draftMs: number;
  verifyMs: number;
}

/** Counts a run's rounds, drafted and accepted tokens, passes and times. */
export class AcceptanceTally {
  rounds = 0;
  draftTokens = 0;
  acceptedTokens = 0;
  /** acceptedAt[i]: rounds whose accepted prefix reached position i (0-based). */
  readonly acceptedAt: number[] = [];
  maxDepth = 0;
  targetForwardPasses = 0;
  draftForwardPasses = 0;
  draftMs = 0;
  verifyMs = 0;

  /** Records one verified round (acceptance as verified, before any stop truncates the emission). */
  record(r: RoundRecord): void {
    this.rounds++;
    this.draftTokens += r.drafted;
    this.acceptedTokens += r.accepted;
    this.maxDepth = Math.max(this.maxDepth, r.depth);
    for (let i = 0; i < r.accepted; i++) this.acceptedAt[i] = (this.acceptedAt[i] ?? 0) + 1;
    this.draftMs += r.draftMs;
    this.verifyMs += r.verifyMs;
  }

  /** The run's speculative metrics; rates are omitted when nothing was drafted. */
  toMetrics(): MethodMetrics {
    const perPosition = Array.from({ length: this.maxDepth }, (_, i) => (this.rounds > 0 ? (this.acceptedAt[i] ?? 0) / this.rounds : 0));
    return {
      rounds: this.rounds,
      draftTokens: this.draftTokens,
      acceptedTokens: this.acceptedTokens,
      ...(this.rounds > 0 ? { meanAcceptanceLength: 1 + this.acceptedTokens / this.rounds, perPositionAcceptance: perPosition } : {}),
      ...(this.draftTokens > 0 ? { draftAcceptanceRate: this.acceptedTokens / this.draftTokens } : {}),
      targetForwardPasses: this.targetForwardPasses,
      draftForwardPasses: this.draftForwardPasses,
      draftMs: this.draftMs,
      verifyMs: this.verifyMs,
    };
  }
}
