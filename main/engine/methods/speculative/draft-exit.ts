// DEL's dynamic draft exiting: drafting stops mid-round when the exit head's top probability falls
// below a threshold that adapts to how well recent drafts matched (the adaptive draft-exiting rule
// of Draft & Verify, Zhang et al. 2023, which DEL's code builds on). After each round the match rate
// (accepted / drafted) is smoothed; when it is at or below the target the threshold rises by a step
// (drafts stop sooner), above it the threshold falls; a round that drafted the full length leaves it
// where it is. The new threshold is itself smoothed into the old.

/** The rule's constants (Draft & Verify's defaults). */
export interface DraftExitSettings {
  /** Starting threshold on the exit head's top probability. */
  start: number;
  /** Match rate the threshold steers towards. */
  targetMatch: number;
  /** Smoothing of the match rate (weight of the old value). */
  matchDecay: number;
  /** Smoothing of the threshold (weight of the old value). */
  thresholdDecay: number;
  /** Step the threshold moves by per round. */
  step: number;
}

export const DRAFT_EXIT_DEFAULTS: DraftExitSettings = { start: 0.5, targetMatch: 0.9, matchDecay: 0.5, thresholdDecay: 0.9, step: 0.01 };

/** The adaptive stop-drafting threshold of one run. */
export class AdaptiveDraftExit {
  threshold: number;
  private match = 0;

  constructor(private readonly s: DraftExitSettings = DRAFT_EXIT_DEFAULTS) {
    this.threshold = s.start;
  }

  /** Whether drafting stops at a token whose exit-head top probability is `confidence`. */
  stops(confidence: number): boolean {
    return confidence < this.threshold;
  }

  /** Updates the threshold after a round that drafted `drafted` tokens (of at most `maxLength`) and had `accepted` accepted. */
  update(accepted: number, drafted: number, maxLength: number): void {
    if (drafted === 0) return;
    this.match = this.s.matchDecay * this.match + (1 - this.s.matchDecay) * (accepted / drafted);
    const next = drafted === maxLength ? this.threshold : this.match <= this.s.targetMatch ? this.threshold + this.s.step : this.threshold - this.s.step;
    this.threshold = this.s.thresholdDecay * this.threshold + (1 - this.s.thresholdDecay) * next;
  }
}
