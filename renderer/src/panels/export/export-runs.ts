// Exporting runs: export.create, then in browser mode each file is downloaded through a temporary
// <a download> pointing at /api/download/<id> (a one-time id, no token); in the desktop app a native save dialog
// picks the path first, the host writes there, and the paths are shown.
import type { ExportFormat, ExportRequest, ExportResult } from '@app/exports';
import { exportFileName } from '@app/exports';
import { getClient, getTransport } from '../../api/workbench';
import { notifyError, pushToast } from '../../state/toasts';

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

/**
 * export.create for `target`; in the desktop app after a save dialog, null when the user cancels it.
 * Browser mode leaves the files with the host for download.
 */
export async function createExport(target: ExportRequest['target'], format: ExportFormat): Promise<ExportResult | null> {
  const client = getClient();
  if (getTransport().kind !== 'electron') return client.call('export.create', { target, format });
  const { path } = await client.call('files.chooseSavePath', { defaultName: exportFileName(target, format), format });
  return path === null ? null : client.call('export.create', { target, format, path });
}

/** Exports the runs and delivers the files; reports success or the error as a toast. */
export function exportRuns(runIds: string[], format: ExportFormat): Promise<void> {
  return exportTarget({ runIds }, format);
}

/** Exports runs or a whole experiment and delivers the files (downloads, or the saved paths). */
export async function exportTarget(target: ExportRequest['target'], format: ExportFormat): Promise<void> {
  try {
    const result = await createExport(target, format);
    if (!result) return;
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
