// Exporting runs: export.create, then in browser mode each file is downloaded through a temporary
// <a download> pointing at /api/download/<id>?token=...; in Electron the files are already on disk
// and their paths are shown.
import type { ExportFormat } from '../../../app/exports';
import { getClient, getTransport } from '../api/workbench';
import { notifyError, pushToast } from '../state/toasts';

export const exportFormats: { value: ExportFormat; label: string; help: string }[] = [
  { value: 'jsonl', label: 'JSONL', help: 'One run per line with its trace events' },
  { value: 'csv', label: 'CSV', help: 'One row per run, flat metrics' },
  { value: 'parquet', label: 'Parquet', help: 'Three tables: runs, events, tokens' },
  { value: 'specbench', label: 'Spec-Bench JSONL', help: 'new_tokens, wall_time, accept_lengths per run' },
];

function download(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Exports the runs and delivers the files; reports success or the error as a toast. */
export async function exportRuns(runIds: string[], format: ExportFormat): Promise<void> {
  try {
    const result = await getClient().call('export.create', { target: { runIds }, format });
    const { downloadUrl } = getTransport();
    if (downloadUrl && result.downloads.length > 0) {
      for (const [i, d] of result.downloads.entries()) {
        // Browsers drop some of several downloads started in the same instant.
        if (i > 0) await new Promise((r) => setTimeout(r, 250));
        download(downloadUrl(d.id), d.name);
      }
      pushToast({ kind: 'success', title: `Exported ${result.runs} run${result.runs === 1 ? '' : 's'}`, message: result.downloads.map((d) => d.name).join(', ') });
    } else {
      pushToast({ kind: 'success', title: `Exported ${result.runs} run${result.runs === 1 ? '' : 's'}`, message: result.files.map((f) => f.path).join(', ') });
    }
  } catch (err) {
    notifyError('Export failed', err);
  }
}
