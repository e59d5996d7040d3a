// ComparisonChart: the shared EChart with the Compare page's defaults: each option replaces the
// previous one whole (arms come and go between experiments), and an accessible label.
import type { EChartsOption, SetOptionOpts } from 'echarts';
import { EChart } from '../charts/EChart';

const REPLACE: SetOptionOpts = { notMerge: true };

export interface ComparisonChartProps {
  option: EChartsOption;
  label: string;
  height?: number;
}

/** One chart of the Compare page. */
export function ComparisonChart({ option, label, height = 280 }: ComparisonChartProps) {
  return <EChart option={option} height={height} setOptionOpts={REPLACE} ariaLabel={label} className="cmp-chart" />;
}
