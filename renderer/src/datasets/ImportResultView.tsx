// ImportResultView: what an import did: how many items went in and every bad line with its number.
import type { ImportDatasetResult } from '@app/datasets';

export interface ImportResultViewProps {
  result: ImportDatasetResult;
}

/** The summary line and the list of per-line errors. */
export function ImportResultView({ result }: ImportResultViewProps) {
  return (
    <div className="ds-import-result" role="status" data-testid="import-result">
      <p>
        Imported <strong className="num">{result.imported}</strong> item{result.imported === 1 ? '' : 's'} into <strong>{result.dataset.name}</strong>
        {result.errors.length > 0 ? `; ${result.errors.length} line${result.errors.length === 1 ? '' : 's'} skipped:` : '.'}
      </p>
      {result.errors.length > 0 && (
        <ul className="ds-import-errors" aria-label="Skipped lines">
          {result.errors.map((e, i) => (
            <li key={i}>
              <span className="mono">line {e.line}</span> {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
