// Options of the save dialog for an export: it starts in the user's Downloads folder with the
// suggested name, filtered to the format's extension. Pure (types only from electron), so it is tested
// without an Electron binary.
import type { SaveDialogOptions } from 'electron';
import path from 'node:path';
import type { ExportFormat } from '../../app/exports';
const filters: Record<ExportFormat, { name: string; extensions: string[] }> = {
  jsonl: { name: 'JSON Lines', extensions: ['jsonl'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  // A Parquet export is three files named after the chosen one (x.runs.parquet, x.events.parquet, ...).
  parquet: { name: 'Parquet (runs, events and tokens files)', extensions: ['parquet'] },
  specbench: { name: 'Spec-Bench JSON Lines', extensions: ['jsonl'] },
};

/** The dialog's options for an export of `format` suggested as `defaultName` in `folder`. */
export function saveDialogOptions(defaultName: string, format: ExportFormat, folder: string): SaveDialogOptions {
  return {
    title: format === 'parquet' ? 'Export as Parquet (three files beside the chosen name)' : `Export as ${filters[format].name}`,
    defaultPath: path.join(folder, path.basename(defaultName)),
    filters: [filters[format]],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

