// ItemBrowser: a dataset's items, a page at a time (datasets.items), with question, reference
// answer and metadata.
import { useEffect, useState } from 'react';
import type { Dataset, DatasetItem } from '@app/datasets';
import { errorText, getClient } from '../api/workbench';
import { Button } from '../ui';

export interface ItemBrowserProps {
  dataset: Dataset;
}

const PAGE = 25;

function metadataText(m: Record<string, unknown>): string {
  return Object.entries(m)
    .filter(([k]) => k !== 'reference' && k !== 'solution')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** The paged item table of one dataset. */
export function ItemBrowser({ dataset }: ItemBrowserProps) {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ key: string; items: DatasetItem[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = `${dataset.id}:${offset}`;

  useEffect(() => {
    let live = true;
    getClient()
      .call('datasets.items', { id: dataset.id, limit: PAGE, offset })
      .then(
        (res) => live && (setPage({ key: `${dataset.id}:${offset}`, ...res }), setError(null)),
        (err: unknown) => live && setError(errorText(err)),
      );
    return () => {
      live = false;
    };
  }, [dataset.id, offset]);

  if (error) return <div className="error-box">{error}</div>;
  if (!page || page.key !== key) return <p className="muted">Loading items…</p>;
  const last = Math.min(offset + PAGE, page.total);
  return (
    <div className="ds-items">
      <div className="ds-items-nav">
        <span className="muted num">
          Items {page.total === 0 ? 0 : offset + 1}–{last} of {page.total}
        </span>
        <span className="spacer" />
        <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          ‹ Previous
        </Button>
        <Button size="sm" disabled={last >= page.total} onClick={() => setOffset(offset + PAGE)}>
          Next ›
        </Button>
      </div>
      <table className="ds-table ds-items-table">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Question</th>
            <th>Answer</th>
            <th>Metadata</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((item) => (
            <tr key={item.id}>
              <td className="num faint">{item.index + 1}</td>
              <td className="ds-question">{item.question}</td>
              <td className="mono">{item.answer}</td>
              <td className="faint ds-meta">
                {item.externalId !== null && <span className="mono">{item.externalId} · </span>}
                {metadataText(item.metadata)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
