// Options of the save dialog for an export: it starts in the user's Downloads folder with the
// suggested name, filtered to the format's extension. Pure (types only from electron), so it is tested
// without an Electron binary.
import type { SaveDialogOptions } from 'electron';
import path from 'node:path';
import type { ExportFormat } from '@app/exports';
import { exportExtensions } from '@app/exports';
const filterNames: Record<ExportFormat, string> = {
  jsonl: 'JSON Lines',
  csv: 'CSV',
  // A Parquet export is three files named after the chosen one (x.runs.parquet, x.events.parquet, ...).
  parquet: 'Parquet (runs, events and tokens files)',
  specbench: 'Spec-Bench JSON Lines',
};

/** The dialog's options for an export of `format` suggested as `defaultName` in `folder`. */
export function saveDialogOptions(defaultName: string, format: ExportFormat, folder: string): SaveDialogOptions {
  return {
    title: format === 'parquet' ? 'Export as Parquet (three files beside the chosen name)' : `Export as ${filterNames[format]}`,
    defaultPath: path.join(folder, path.basename(defaultName)),
    filters: [{ name: filterNames[format], extensions: [exportExtensions[format].slice(1)] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

