// Legend of the two-model provenance colours (small / large), as in the token stream.
import { sourceLabels } from '../tokens/token-colors';

/** Small / large swatches. */
export function OwnerLegend() {
  return (
    <ul className="dt-legend" aria-label="Token owner legend">
      <li title="Written by the small model">
        <span className="dt-swatch sw-small" aria-hidden="true" />
        {sourceLabels.small}
      </li>
      <li title="Written by the large model">
        <span className="dt-swatch sw-large" aria-hidden="true" />
        {sourceLabels.large}
      </li>
    </ul>
  );
}
