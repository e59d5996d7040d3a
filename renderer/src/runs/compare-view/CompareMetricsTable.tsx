// The comparison's metrics table: a row per figure (outcome, speed, the methods' own metrics), a
// column per run; the figure column stays put while wide comparisons scroll sideways.
import type { RunRecord } from '@app/runs';
import { WideTable } from '../../ui/WideTable';
import { compareMetricRows } from './compare-metrics';

export interface CompareMetricsTableProps {
  runs: readonly RunRecord[];
  labels: readonly string[];
}

/** Metrics of the compared runs in one table. */
export function CompareMetricsTable({ runs, labels }: CompareMetricsTableProps) {
  const rows = compareMetricRows(runs);
  return (
    <WideTable label="Compared metrics" tableId="run-compare-metrics">
      <table className="table rc-metrics" data-testid="compare-metrics">
        <thead>
          <tr>
            <th>metric</th>
            {labels.map((l) => (
              <th key={l} className="num">
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.differs ? 'rc-differs' : undefined} data-metric={r.key}>
              <th scope="row" title={r.help}>
                {r.label}
              </th>
              {r.values.map((v, i) => (
                <td key={i} className="num">
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </WideTable>
  );
}
