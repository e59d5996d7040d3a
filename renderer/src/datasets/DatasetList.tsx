// DatasetList: every dataset with its source, item count, content version and grading; a row
// selects the dataset shown in the item browser.
import type { Dataset } from '@app/datasets';
import { Badge, formatDateTime } from '../ui';
import { datasetGradingText } from './grading-label';

export interface DatasetListProps {
  datasets: readonly Dataset[];
  selected: string | null;
  onSelect: (id: string) => void;
}

/** The dataset table. */
export function DatasetList({ datasets, selected, onSelect }: DatasetListProps) {
  return (
    <table className="ds-table ds-list" aria-label="Datasets">
      <thead>
        <tr>
          <th>Name</th>
          <th>Source</th>
          <th className="num">Items</th>
          <th>Version</th>
          <th>Grading</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {datasets.map((d) => (
          <tr
            key={d.id}
            className={d.id === selected ? 'is-selected' : undefined}
            aria-selected={d.id === selected}
            tabIndex={0}
            onClick={() => onSelect(d.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(d.id);
              }
            }}
          >
            <td>{d.name}</td>
            <td>
              <Badge tone={d.source === 'synthetic' ? 'accent' : 'info'}>{d.source}</Badge>
            </td>
            <td className="num">{d.itemCount}</td>
            <td className="mono faint" title={d.version}>
              {d.version.slice(0, 10)}
            </td>
            <td className="faint">{datasetGradingText(d)}</td>
            <td className="faint num">{formatDateTime(d.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
