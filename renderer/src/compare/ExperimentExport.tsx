// ExperimentExport: a whole experiment (every run it recorded, with its traces) as JSONL, CSV,
// Parquet or Spec-Bench JSONL through export.create with the experiment as target; in browser mode
// each written file becomes a download link, in the desktop app a save dialog picks where the files
// go and their paths are shown. (Single
// runs and selections use the Runs page's ExportMenu.)
import { useState } from 'react';
import type { ExportFormat, ExportResult } from '../../../app/exports';
import { errorText, getTransport } from '../api/workbench';
import { createExport, exportFormats } from '../panels/export/export-runs';
import { Button } from '../ui';

/** A row of export buttons and the files of the last export. */
export function ExperimentExport({ experimentId }: { experimentId: string }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const downloadUrl = getTransport().downloadUrl;

  const run = async (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    setResult(null);
    try {
      setResult(await createExport({ experimentId }, format));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="cmp-export">
      <span className="muted">Export experiment:</span>
      {exportFormats.map((f) => (
        <Button key={f.value} size="sm" disabled={busy !== null} onClick={() => void run(f.value)} title={f.help} aria-label={`Export experiment as ${f.label}`}>
          {busy === f.value ? '…' : f.label}
        </Button>
      ))}
      {error && <span className="cmp-export-error">{error}</span>}
      {result && (
        <span className="cmp-export-files" data-testid="export-files">
          {result.runs} runs →{' '}
          {result.files.map((file) => {
            const download = result.downloads.find((d) => d.name === file.name);
            return downloadUrl && download ? (
              <a key={file.name} href={downloadUrl(download.id)} download={file.name} className="mono" title={`${file.rows} rows, ${file.bytes} bytes`}>
                {file.name}
              </a>
            ) : (
              <span key={file.name} className="mono" title={`${file.rows} rows, ${file.bytes} bytes`}>
                {file.path}
              </span>
            );
          })}
        </span>
      )}
    </div>
  );
}
