// Where export.create may write. A request naming a path writes only inside the exports folder (a
// relative name is taken inside it), or to a path the desktop shell's native save dialog returned
// (approved one time, where the user already confirmed any replacement); it never silently replaces
// an existing file. A request naming none (browser mode) writes into a temporary downloads folder
// made on first use and removed when the host closes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkbenchError } from '@app/errors';
import type { ExportFormat } from '@app/exports';
import { parquetPaths } from '../../store';

export class ExportPaths {
  private approved = new Set<string>();
  private downloads: string | null = null;

  /** `folder`: the exports folder (made on first use). */
  constructor(readonly folder: string) {}

  /** Allows one write to `file`, a path the user chose in the native save dialog. */
  approve(file: string): void {
    this.approved.add(path.resolve(file));
  }

  /**
   * The absolute path an export may write for the requested `file`; throws path_invalid when it lies
   * outside the exports folder (and was not chosen in the save dialog) or when it would replace a file.
   */
  resolve(file: string, format: ExportFormat): string {
    if (file.includes('\0')) throw new WorkbenchError('path_invalid', 'The export path contains a NUL byte');
    const absolute = path.resolve(this.folder, file);
    if (this.approved.delete(absolute)) return absolute;
    const root = path.resolve(this.folder);
    if (path.dirname(absolute) !== root && !absolute.startsWith(root + path.sep)) {
      throw new WorkbenchError('path_invalid', `Exports are written inside the exports folder ${root} (or where the desktop save dialog says); "${file}" is outside it`, { path: file });
    }
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    const targets = format === 'parquet' ? Object.values(parquetPaths(absolute)) : [absolute];
    for (const t of targets) {
      if (fs.existsSync(t)) throw new WorkbenchError('path_invalid', `"${path.basename(t)}" already exists in ${path.dirname(t)}: choose another name (exports never replace a file)`, { path: t });
    }
    return absolute;
  }

  /** The temporary folder for browser downloads, made on first use. */
  downloadFolder(): string {
    this.downloads ??= fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-exports-'));
    return this.downloads;
  }

  /** Removes the downloads folder (at host close). */
  cleanup(): void {
    if (this.downloads) fs.rmSync(this.downloads, { recursive: true, force: true });
    this.downloads = null;
  }
}
