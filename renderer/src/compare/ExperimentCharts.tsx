// ExperimentCharts: accuracy against latency or tokens generated (every sample counted), one chosen metric per arm as bars, and acceptance by
// draft position for the arms that draft.
import { useMemo, useState } from 'react';
import type { ArmAggregate } from '@app/experiments';
import { Tabs } from '../ui';
import type { BarMetric, ComputeAxis } from './chart-options';
import { acceptanceOption, accuracyComputeOption, armBarsOption, barMetrics, computeAxes } from './chart-options';
import { ComparisonChart } from './ComparisonChart';

/** The charts section. */
export function ExperimentCharts({ aggregates }: { aggregates: readonly ArmAggregate[] }) {
  const [metric, setMetric] = useState<BarMetric>('accuracy');
  const [axis, setAxis] = useState<ComputeAxis>('meanLatencyMs');
  const scatter = useMemo(() => accuracyComputeOption(aggregates, axis), [aggregates, axis]);
  const bars = useMemo(() => armBarsOption(aggregates, metric), [aggregates, metric]);
  const acceptance = useMemo(() => acceptanceOption(aggregates), [aggregates]);
  return (
    <div className="cmp-charts">
      <figure className="cmp-figure">
        <figcaption>
          Accuracy <Tabs label="Compute axis" variant="segmented" items={computeAxes.map((c) => ({ id: c.id, label: c.label }))} value={axis} onChange={setAxis} /> (whiskers: 95% interval)
        </figcaption>
        <ComparisonChart option={scatter} label={`Accuracy against ${computeAxes.find((c) => c.id === axis)!.axis} per arm`} />
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
