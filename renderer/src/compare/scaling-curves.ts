// The test-time scaling view of an experiment's repeated-sampling arms, from every sample of their
// runs (the runs' `sample` events, graded against the items' answers): per arm, coverage@k (the
// unbiased pass@k, Brown et al. 2024 eq. 1) with its exponentiated power-law fit c(k) = exp(a k^b)
// (eq. 2-3), majority vote@k, verifier best-of-k (the arm's verifier score), resample-until-accepted
// accuracy@k, and the verifier's false-positive rate with the bound of Stroebl et al. 2024 ("Inference
// Scaling fLaws"): accuracy <= c r / (c r + (1 - r) fpr) at any k, r the single-sample accuracy,
// c the verifier's completeness. All the math is app/analysis's; this file only gathers the samples.
import type { SampleEvent } from '@app/events';
import type { ExperimentArm, ResultCell } from '@app/experiments';
import { bestOfKCurve } from '@app/analysis/best-of-k';
import type { PowerLawFit } from '@app/analysis/coverage-fit';
import { fitCoveragePowerLaw } from '@app/analysis/coverage-fit';
import type { VerifierRates } from '@app/analysis/imperfect-verifier';
import { resampleAccuracyCurve, resamplingBound, verifierRates } from '@app/analysis/imperfect-verifier';
import { majorityAtKCurve } from '@app/analysis/majority-vote';
import { passAtKCurve } from '@app/analysis/pass-at-k';

/** A verifier accepts a sample whose score (in [0, 1]) reaches this: judge digit >= 4.5, or geometric-mean token probability >= 0.5. */
export const ACCEPT_AT = 0.5;

/** The most runs whose samples the view reads (each one trace request). */
export const MAX_SCALING_RUNS = 2000;

export interface ArmScaling {
  armId: string;
  arm: string;
  verifier: string;
  /** Items with at least one graded sample, and the largest sample count per item (the curves' length). */
  items: number;
  maxK: number;
  /** Single-sample accuracy r: correct samples over graded samples. */
  sampleAccuracy: number | null;
  coverage: (number | null)[];
  fit: PowerLawFit | null;
  majority: (number | null)[];
  verifierBestOfK: (number | null)[];
  /** Resample until the verifier accepts, at most k tries; `limit` at each item's every sample. */
  resample: number[];
  resampleLimit: number | null;
  rates: VerifierRates;
  /** The fLaws bound c r / (c r + (1 - r) fpr); null when nothing is ever accepted. */
  bound: number | null;
}

/** The repeated-sampling arms and the run ids whose samples the view needs. */
export function scalingRuns(arms: readonly Pick<ExperimentArm, 'id' | 'config'>[], cells: readonly Pick<ResultCell, 'armId' | 'runId' | 'status'>[]): string[] {
  const ids = new Set(arms.filter((a) => a.config.method === 'repeated_sampling').map((a) => a.id));
  return cells.filter((c) => ids.has(c.armId) && c.status === 'completed').map((c) => c.runId).slice(0, MAX_SCALING_RUNS);
}

/** The curves of each repeated-sampling arm from the samples of its runs (runId -> sample events). */
export function scalingCurves(
  arms: readonly Pick<ExperimentArm, 'id' | 'label' | 'config'>[],
  cells: readonly Pick<ResultCell, 'armId' | 'itemId' | 'runId'>[],
  samplesByRun: ReadonlyMap<string, readonly SampleEvent[]>,
): ArmScaling[] {
  const out: ArmScaling[] = [];
  for (const arm of arms) {
    if (arm.config.method !== 'repeated_sampling') continue;
    // Every graded sample of the item, over all of its runs (their seeds differ: see sampleSeed).
    const byItem = new Map<string, SampleEvent[]>();
    for (const c of cells) {
      if (c.armId !== arm.id) continue;
      const samples = (samplesByRun.get(c.runId) ?? []).filter((s) => s.correct !== null);
      if (samples.length === 0) continue;
      byItem.set(c.itemId, [...(byItem.get(c.itemId) ?? []), ...samples]);
    }
    const items = [...byItem.values()].map((list) => list.map((s, i) => ({ ...s, order: i })));
    const maxK = Math.max(0, ...items.map((l) => l.length));
    const all = items.flat();
    const verified = items.map((l) => l.map((s) => ({ accepted: s.score >= ACCEPT_AT, correct: s.correct === true })));
    const rates = verifierRates(verified.flat());
    const r = all.length > 0 ? all.filter((s) => s.correct).length / all.length : null;
    const coverage = passAtKCurve(items.map((l) => ({ n: l.length, c: l.filter((s) => s.correct).length })), maxK);
    const { curve: resample, limit: resampleLimit } = resampleAccuracyCurve(verified, maxK);
    out.push({
      armId: arm.id,
      arm: arm.label,
      verifier: arm.config.params.verifier,
      items: items.length,
      maxK,
      sampleAccuracy: r,
      coverage,
      fit: maxK >= 2 ? fitCoveragePowerLaw(coverage) : null,
      majority: majorityAtKCurve(items.map((l) => l.map((s) => ({ sample: s.order, answer: s.answer, correct: s.correct }))), maxK),
      verifierBestOfK: bestOfKCurve(items.map((l) => l.map((s) => ({ sample: s.order, score: s.score, correct: s.correct === true }))), maxK),
      resample,
      resampleLimit,
      rates,
      bound: r !== null && rates.completeness !== null && rates.falsePositiveRate !== null ? resamplingBound(r, rates.completeness, rates.falsePositiveRate) : null,
    });
  }
  return out;
}
