// ScalingView: the test-time scaling view of an experiment's repeated-sampling arms. Per arm, the
// coverage chart (pass@k on a log-k axis with the fitted power law, majority vote@k, verifier
// best-of-k, resample-until-accepted@k, the fLaws bound) and the verifier's rates, with the papers'
// formulas stated beside them.
import { useMemo } from 'react';
import type { ExperimentResults } from '@app/experiments';
import { formatShare } from '../panels/run/format';
import { ComparisonChart } from './ComparisonChart';
import { scalingOption } from './scaling-chart';
import { ACCEPT_AT, scalingCurves, scalingRuns } from './scaling-curves';
import { useScalingSamples } from './use-scaling-samples';

export interface ScalingViewProps {
  results: ExperimentResults;
}

const FORMULAS =
  'pass@k = mean over items of 1 − C(n−c, k) / C(n, k) (Brown et al. 2024, eq. 1; n samples of an item, c correct). ' +
  'Fit: coverage ≈ exp(a·k^b) (eq. 2–3), least squares on about 40 log-spaced k. ' +
  `A verifier accepts a sample scoring at least ${ACCEPT_AT}; fpr = P(accept | wrong), c = P(accept | right), r = P(a sample is right). ` +
  'fLaws bound (Stroebl et al. 2024, from the authors\u2019 model: P(true accept) = c·r, P(false accept) = (1−r)·fpr): ' +
  'resampling until the verifier accepts reaches at most c·r / (c·r + (1−r)·fpr) at any k.';

/** The charts and rates of every repeated-sampling arm. */
export function ScalingView({ results }: ScalingViewProps) {
  const arms = results.experiment.spec.arms;
  const runIds = useMemo(() => scalingRuns(arms, results.cells), [arms, results.cells]);
  const { samples, loading, error } = useScalingSamples(runIds);
  const curves = useMemo(() => scalingCurves(arms, results.cells, samples), [arms, results.cells, samples]);
  return (
    <div className="cmp-repeated" data-testid="scaling-view">
      <p className="muted" title={FORMULAS}>
        Every sample of the repeated-sampling runs, graded against the items&apos; answers. {FORMULAS}
      </p>
      {error && <p role="alert">Could not read the samples: {error}</p>}
      {loading && <p className="muted">Reading the samples of {runIds.length} runs…</p>}
      {curves.map((c) => (
        <section key={c.armId} aria-label={`Scaling of ${c.arm}`} data-testid="scaling-arm">
          <h4>
            {c.arm} <span className="muted">({c.verifier}, {c.items} items, up to {c.maxK} samples each)</span>
          </h4>
          {c.maxK === 0 ? (
            <p className="muted">No graded sample yet.</p>
          ) : (
            <>
              <ComparisonChart option={scalingOption(c)} label={`Coverage, majority, verifier and the fLaws bound against k for ${c.arm}`} height={300} />
              <table className="cmp-table" aria-label={`Verifier rates of ${c.arm}`}>
                <tbody>
                  <tr><th scope="row">single-sample accuracy r</th><td className="num">{formatShare(c.sampleAccuracy)}</td></tr>
                  <tr><th scope="row" title="P(accept | wrong sample)">false-positive rate</th><td className="num" data-testid="scaling-fpr">{formatShare(c.rates.falsePositiveRate)}</td></tr>
                  <tr><th scope="row" title="P(accept | right sample)">completeness c</th><td className="num">{formatShare(c.rates.completeness)}</td></tr>
                  <tr><th scope="row" title="c·r / (c·r + (1−r)·fpr)">fLaws bound</th><td className="num" data-testid="scaling-bound">{formatShare(c.bound)}</td></tr>
                  <tr><th scope="row">coverage at k = {c.maxK}</th><td className="num">{formatShare(c.coverage[c.maxK - 1] ?? null)}</td></tr>
                  <tr><th scope="row" title="c(k) = exp(a·k^b)">power-law fit</th><td className="num">{c.fit ? `a = ${c.fit.a.toFixed(3)}, b = ${c.fit.b.toFixed(3)}, rmse ${c.fit.rmse.toFixed(3)}` : '—'}</td></tr>
                </tbody>
              </table>
            </>
          )}
        </section>
      ))}
    </div>
  );
}
