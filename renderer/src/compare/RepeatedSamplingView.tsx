// RepeatedSamplingView: with k > 1 samples per item, Large Language Monkeys' view: coverage@k (the
// mean unbiased pass@k) against majority vote@k per arm, as curves and as a table.
import { useMemo } from 'react';
import type { ExperimentResults } from '@app/experiments';
import { repeatedSamplingOption } from './chart-options';
import { ComparisonChart } from './ComparisonChart';
import { repeatedSamplingCurves } from './repeated-sampling';
import { formatShare } from '../panels/run/format';

export interface RepeatedSamplingViewProps {
  results: ExperimentResults;
}

/** The chart and the table of both curves. */
export function RepeatedSamplingView({ results }: RepeatedSamplingViewProps) {
  const k = results.experiment.spec.samplesPerItem;
  const curves = useMemo(() => repeatedSamplingCurves(results), [results]);
  const option = useMemo(() => repeatedSamplingOption(curves, k), [curves, k]);
  return (
    <div className="cmp-repeated">
      <p className="muted">
        Coverage@k: the share of items that at least one of k samples solves (the unbiased pass@k estimator, averaged over items). Majority vote@k: the
        share solved by the most frequent answer among the first k samples. A widening gap means a verifier could pick answers majority voting misses.
      </p>
      <ComparisonChart option={option} label="Coverage and majority vote against the number of samples" height={300} />
      <table className="cmp-table" aria-label="Coverage and majority vote by k">
        <thead>
          <tr>
            <th>Arm</th>
            <th>Curve</th>
            {Array.from({ length: k }, (_, i) => (
              <th key={i} className="num">
                k={i + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {curves.flatMap((c) => [
            <tr key={`${c.arm}-c`}>
              <td rowSpan={2}>{c.arm}</td>
              <td className="muted">coverage (pass@k)</td>
              {c.coverage.map((v, i) => (
                <td key={i} className="num">
                  {formatShare(v)}
                </td>
              ))}
            </tr>,
            <tr key={`${c.arm}-m`}>
              <td className="muted">majority vote</td>
              {c.majority.map((v, i) => (
                <td key={i} className="num">
                  {formatShare(v)}
                </td>
              ))}
            </tr>,
          ])}
        </tbody>
      </table>
    </div>
  );
}
