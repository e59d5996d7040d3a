// Legend of the draft-tree node states, in the provenance colours of the token stream; glossary terms
// show their definition on hover.
import { glossary } from '../../ui/glossary';
import { Term } from '../../ui/Term';
const entries: { cls: string; label: string; title: string }[] = [
  { cls: 'sw-root', label: 'committed', title: 'The token the round drafted from' },
  { cls: 'sw-accepted', label: 'accepted draft', title: 'Accepted by verification: on the committed path' },
  { cls: 'sw-rejected', label: 'rejected', title: 'The target disagreed at this node' },
  { cls: 'sw-passed', label: 'passed, off path', title: 'Passed verification, but a deeper path was chosen' },
  { cls: 'sw-unverified', label: 'unverified', title: 'Never examined: its parent was rejected' },
  { cls: 'sw-bonus', label: 'bonus', title: "The target's own token after a fully accepted path" },
  { cls: 'sw-resampled', label: 'resampled', title: "The target's correction where the path stopped" },
];

/** Node-state legend. */
export function TreeLegend() {
  return (
    <ul className="dt-legend" aria-label="Draft tree legend">
      {entries.map((e) => (
        <li key={e.cls} title={glossary[e.label] ? undefined : e.title}>
          <span className={`dt-swatch ${e.cls}`} aria-hidden="true" />
          <Term term={e.label} />
        </li>
      ))}
    </ul>
  );
}
