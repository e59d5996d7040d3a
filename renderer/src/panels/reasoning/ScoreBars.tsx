// The judge's digit distribution of one SpecReason step as a tiny bar chart (0-9), bars at or above
// the acceptance threshold tinted, the judged score's bar emphasised and the threshold marked.
export interface ScoreBarsProps {
  distribution: readonly number[];
  threshold: number;
  /** The score the step got (greedy digit or expectation). */
  score: number | null;
}

const W = 120;
const H = 30;
const BAR = 10;
const GAP = 2;
const TOP = 2;
const LABEL = 9;

/** Ten bars with the threshold line. */
export function ScoreBars({ distribution, threshold, score }: ScoreBarsProps) {
  const max = Math.max(...distribution, 1e-9);
  const chosen = score === null ? -1 : Math.round(score);
  // The threshold sits at the left edge of the first digit that passes.
  const tx = Math.ceil(threshold) * (BAR + GAP) - GAP / 2;
  const label = distribution.map((p, d) => `${d}: ${(p * 100).toFixed(1)}%`).join(', ');
  return (
    <svg className="rs-score-bars" width={W} height={H} role="img" aria-label={`Judge digit distribution, threshold ${threshold}: ${label}`}>
      {distribution.map((p, d) => {
        const h = Math.max(1, (p / max) * (H - TOP - LABEL));
        const cls = ['bar', d >= threshold ? 'is-pass' : '', d === chosen ? 'is-chosen' : ''].filter(Boolean).join(' ');
        return (
          <g key={d}>
            <rect className={cls} x={d * (BAR + GAP)} y={H - LABEL - h} width={BAR} height={h}>
              <title>{`${d}: ${(p * 100).toFixed(1)}%`}</title>
            </rect>
            <text x={d * (BAR + GAP) + BAR / 2} y={H - 1} textAnchor="middle">
              {d}
            </text>
          </g>
        );
      })}
      {threshold > 0 && threshold <= 9.5 && <line className="threshold" x1={tx} x2={tx} y1={0} y2={H - LABEL} />}
    </svg>
  );
}
