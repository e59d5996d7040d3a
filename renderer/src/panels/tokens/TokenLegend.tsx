// The legend of the current coloring mode: named swatches for provenance, a scale with its two ends
// labelled for probability and entropy (each step's range on hover).
import type { ColorMode } from '../../state/display-prefs';
import { legends } from './token-colors';

export interface TokenLegendProps {
  mode: ColorMode;
}

const scaleEnds: Record<Exclude<ColorMode, 'provenance'>, [string, string]> = {
  logprob: ['likely (p ≥ 0.9)', 'unlikely (p < 0.1)'],
  entropy: ['certain (< 0.25 nats)', 'unsure (≥ 2.5 nats)'],
};

/** Legend for a mode. */
export function TokenLegend({ mode }: TokenLegendProps) {
  const entries = legends[mode];
  if (mode === 'provenance') {
    return (
      <ul className="tk-legend" aria-label="Legend: token provenance">
        {entries.map((e) => (
          <li key={e.className} title={e.description}>
            <span className={`tk-swatch ${e.className}`} aria-hidden="true" />
            <span>{e.label}</span>
          </li>
        ))}
      </ul>
    );
  }
  const [low, high] = scaleEnds[mode];
  return (
    <div className="tk-legend tk-legend-scale" aria-label={`Legend: ${low} to ${high}`} role="img">
      <span>{low}</span>
      <span className="tk-scale">
        {entries.map((e) => (
          <span key={e.className} className={`tk-scale-step ${e.className}`} title={e.description} />
        ))}
      </span>
      <span>{high}</span>
    </div>
  );
}
