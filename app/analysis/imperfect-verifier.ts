// Imperfect verifiers (Stroebl, Kapoor and Narayanan 2024, "Inference Scaling fLaws", arXiv
// 2411.17501): resampling until a verifier accepts cannot push accuracy past the share of accepted
// answers that are right. With r = P(sample correct), completeness c = P(accept | correct) and
// soundness s = P(reject | incorrect), the authors' model (their repo's notebook
// limits_to_inference_scaling_model.ipynb) gives P(reject) = beta = (1-c) r + s (1-r), accuracy after
// at most k tries c r (1 - beta^k) / (1 - beta), and in the limit the bound
// c r / (c r + (1-r)(1-s)) = P(correct | accepted). The paper's own equation is not quoted in our
// notes; this bound follows from that model for one task type.

/** One sample as the verifier and the oracle grader saw it. */
export interface VerifiedSample {
  /** The verifier accepted it (e.g. judge score at or above a threshold). */
  accepted: boolean;
  /** The oracle (task grader) says it is right. */
  correct: boolean;
}

/** A verifier's rates on a set of graded samples. Null where the denominator is empty. */
export interface VerifierRates {
  samples: number;
  /** P(accept | incorrect) = 1 - soundness. */
  falsePositiveRate: number | null;
  /** P(accept | correct): completeness. */
  completeness: number | null;
  /** P(correct | accepted): what resampling-until-accepted converges to. */
  precision: number | null;
}

/** Counts a verifier's false-positive rate, completeness and precision. */
export function verifierRates(samples: readonly VerifiedSample[]): VerifierRates {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const s of samples) {
    if (s.correct && s.accepted) tp++;
    else if (s.correct) fn++;
    else if (s.accepted) fp++;
    else tn++;
  }
  return {
    samples: samples.length,
    falsePositiveRate: fp + tn > 0 ? fp / (fp + tn) : null,
    completeness: tp + fn > 0 ? tp / (tp + fn) : null,
    precision: tp + fp > 0 ? tp / (tp + fp) : null,
  };
}

/** The model's accuracy after at most k tries of resample-until-accepted, for one task type. */
export function modelResampleAccuracy(r: number, completeness: number, falsePositiveRate: number, k: number): number {
  const trueAccept = completeness * r;
  const beta = (1 - completeness) * r + (1 - falsePositiveRate) * (1 - r);
  if (k <= 0) return 0;
  if (beta >= 1) return 0;
  return (trueAccept * (1 - Math.pow(beta, k))) / (1 - beta);
}

/** The k -> infinity bound c r / (c r + (1-r) fpr): accuracy no budget can exceed. Null when nothing is ever accepted. */
export function resamplingBound(r: number, completeness: number, falsePositiveRate: number): number | null {
  const trueAccept = completeness * r;
  const falseAccept = (1 - r) * falsePositiveRate;
  return trueAccept + falseAccept > 0 ? trueAccept / (trueAccept + falseAccept) : null;
}

/** Binomial-ratio C(a, k) / C(n, k) for a <= n, computed as a product. */
function chooseRatio(a: number, n: number, k: number): number {
  if (k > a) return 0;
  let out = 1;
  for (let i = 0; i < k; i++) out *= (a - i) / (n - i);
  return out;
}

/**
 * Empirical accuracy of resample-until-accepted with at most k tries on one item's stored samples,
 * exact over every random order of them (the paper's notebook averages 1,000 shuffles): the first
 * accepted sample is uniformly one of the accepted ones, and one appears within k tries with
 * probability 1 - C(rejected, k) / C(n, k).
 */
export function itemResampleAccuracy(samples: readonly VerifiedSample[], k: number): number {
  const n = samples.length;
  if (n === 0 || k < 1) return 0;
  const kk = Math.min(k, n);
  const accepted = samples.filter((s) => s.accepted);
  if (accepted.length === 0) return 0;
  const rightShare = accepted.filter((s) => s.correct).length / accepted.length;
  return rightShare * (1 - chooseRatio(n - accepted.length, n, kk));
}

/** Mean over items of itemResampleAccuracy for k = 1..maxK, and the per-item limit (k = n). */
export function resampleAccuracyCurve(items: readonly (readonly VerifiedSample[])[], maxK: number): { curve: number[]; limit: number | null } {
  const usable = items.filter((s) => s.length > 0);
  const curve: number[] = [];
  for (let k = 1; k <= maxK; k++) {
    curve.push(usable.length ? usable.reduce((sum, s) => sum + itemResampleAccuracy(s, k), 0) / usable.length : 0);
  }
  const limit = usable.length ? usable.reduce((sum, s) => sum + itemResampleAccuracy(s, s.length), 0) / usable.length : null;
  return { curve, limit };
}
