// AggregateTable: one row per arm: accuracy with its 95% Wilson interval, latency, speedup against
// the baseline, decode throughput, acceptance statistics, large-model share and cost, with delta
// badges against the baseline.
import { deltasAgainstBaseline } from '@app/analysis/deltas';
import type { ArmAggregate } from '@app/experiments';
import { methodLabel } from '@app/methods';
import { defineFigure } from '@app/metric-definitions';
import { Badge, Tooltip } from '../ui';
import { WideTable } from '../ui/WideTable';
import { DeltaBadge } from './DeltaBadge';
import { formatMs, formatNumber, formatShare } from '../panels/run/format';
import { fmtX } from './format';

export interface AggregateTableProps {
  aggregates: readonly ArmAggregate[];
}

/** The per-arm aggregate table. */
export function AggregateTable({ aggregates }: AggregateTableProps) {
  const baseline = aggregates.find((a) => a.baseline) ?? null;
  const any = (pick: (a: ArmAggregate) => unknown) => aggregates.some((a) => pick(a) !== null);
  const showAcceptance = any((a) => a.meanAcceptanceLength);
  const showShare = any((a) => a.largeShare);
  const showCost = any((a) => a.paramWeightedCost);
  const showAccepted = any((a) => (a.method === 'autoregressive' ? null : a.meanAcceptedTokens));
  const anyCold = aggregates.some((a) => (a.coldRuns ?? 0) > 0);
  const repeated = any((a) => a.passAtK);
  return (
    <WideTable label="Aggregates per arm (scrolls sideways)" tableId="experiment-aggregates">
    <table className="cmp-table cmp-aggregates" aria-label="Aggregates per arm">
      <thead>
        <tr>
          <th>Arm</th>
          <th className="num">Runs</th>
          <th className="num">
            <Tooltip content="Share of graded samples answered correctly, with the 95% Wilson score interval.">Accuracy [95% CI]</Tooltip>
          </th>
          <th className="num">
            <Tooltip content={defineFigure('meanLatencyMs')}>Mean latency</Tooltip>
          </th>
          <th className="num">
            <Tooltip content={defineFigure('speedup')}>Speedup</Tooltip>
          </th>
          <th className="num">
            <Tooltip content={defineFigure('decodeSpeedup')}>Decode speedup</Tooltip>
          </th>
          <th className="num">
            <Tooltip content={defineFigure('decodeTokensPerS')}>Decode tok/s</Tooltip>
          </th>
          <th className="num">Tokens</th>
          {showAcceptance && (
            <th className="num">
              <Tooltip content={defineFigure('meanAcceptanceLength')}>Mean acc. length</Tooltip>
            </th>
          )}
          {showAccepted && (
            <th className="num">
              <Tooltip content={defineFigure('meanAcceptedTokens')}>Mean accepted tokens</Tooltip>
            </th>
          )}
          {showShare && (
            <th className="num">
              <Tooltip content={defineFigure('largeShare')}>Large share</Tooltip>
            </th>
          )}
          {showCost && (
            <th className="num">
              <Tooltip content={defineFigure('paramWeightedCost')}>Param-weighted cost</Tooltip>
            </th>
          )}
          {anyCold && (
            <th className="num">
              <Tooltip content={defineFigure('coldStart')}>Cold runs</Tooltip>
            </th>
          )}
          {repeated && (
            <th className="num">
              <Tooltip content="Unbiased pass@k averaged over items (coverage), at the largest k sampled so far.">pass@k</Tooltip>
            </th>
          )}
          {repeated && <th className="num">Majority vote</th>}
          <th>vs baseline</th>
        </tr>
      </thead>
      <tbody>
        {aggregates.map((a) => (
          <tr key={a.arm} data-arm={a.arm}>
            <td>
              <span className="cmp-arm-name">{a.arm}</span> {a.baseline && <Badge tone="accent">baseline</Badge>}
              <div className="faint">{methodLabel(a.method)}</div>
            </td>
            <td className="num">{a.runs}</td>
            <td className="num" data-testid="accuracy">
              {formatShare(a.accuracy)}
              {a.accuracyCi && (
                <span className="faint cmp-ci">
                  {' '}
                  [{formatShare(a.accuracyCi.low)}, {formatShare(a.accuracyCi.high)}]
                </span>
              )}
            </td>
            <td className="num">{formatMs(a.meanLatencyMs)}</td>
            <td className="num">{fmtX(a.speedup)}</td>
            <td className="num">{fmtX(a.decodeSpeedup ?? null)}</td>
            <td className="num">{formatNumber(a.decodeTokensPerS, 0)}</td>
            <td className="num">{formatNumber(a.meanNewTokens, 1)}</td>
            {showAcceptance && <td className="num">{formatNumber(a.meanAcceptanceLength, 2)}</td>}
            {showAccepted && <td className="num">{formatNumber(a.meanAcceptedTokens ?? null, 2)}</td>}
            {showShare && <td className="num">{formatShare(a.largeShare)}</td>}
            {showCost && <td className="num">{formatNumber(a.paramWeightedCost, 2)}</td>}
            {anyCold && <td className="num" data-testid="cold-runs">{a.coldRuns ?? 0}</td>}
            {repeated && <td className="num">{a.passAtK?.length ? `${formatShare(a.passAtK.at(-1))} @${a.passAtK.length}` : '–'}</td>}
            {repeated && <td className="num">{formatShare(a.majorityVote)}</td>}
            <td>
              <div className="cmp-deltas">
                {deltasAgainstBaseline(a, baseline).map((d) => (
                  <DeltaBadge key={d.metric} delta={d} />
                ))}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </WideTable>
  );
}
