// ExperimentCharts: accuracy against latency, one chosen metric per arm as bars, and acceptance by
// draft position for the arms that draft.
import { useMemo, useState } from 'react';
import type { ArmAggregate } from '@app/experiments';
import { Tabs } from '../ui';
import type { BarMetric } from './chart-options';
import { acceptanceOption, accuracyLatencyOption, armBarsOption, barMetrics } from './chart-options';
import { ComparisonChart } from './ComparisonChart';

/** The charts section. */
export function ExperimentCharts({ aggregates }: { aggregates: readonly ArmAggregate[] }) {
  const [metric, setMetric] = useState<BarMetric>('accuracy');
  const scatter = useMemo(() => accuracyLatencyOption(aggregates), [aggregates]);
  const bars = useMemo(() => armBarsOption(aggregates, metric), [aggregates, metric]);
  const acceptance = useMemo(() => acceptanceOption(aggregates), [aggregates]);
  return (
    <div className="cmp-charts">
      <figure className="cmp-figure">
        <figcaption>Accuracy vs latency (whiskers: 95% interval)</figcaption>
        <ComparisonChart option={scatter} label="Accuracy against mean latency per arm" />
      </figure>
      <figure className="cmp-figure">
        <figcaption>
          <Tabs label="Metric per arm" variant="segmented" items={barMetrics.map((m) => ({ id: m.id, label: m.label }))} value={metric} onChange={setMetric} />
        </figcaption>
        <ComparisonChart option={bars} label={`${barMetrics.find((m) => m.id === metric)!.label} per arm`} />
      </figure>
      <figure className="cmp-figure">
        <figcaption>Acceptance by draft position</figcaption>
        {acceptance ? <ComparisonChart option={acceptance} label="Per-position acceptance rate per arm" /> : <p className="muted cmp-chart-empty">No arm drafts tokens (speculative methods report this).</p>}
      </figure>
    </div>
  );
}
