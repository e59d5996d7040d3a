// The exports domain's API: export runs to a path inside the exports folder (or one the desktop save
// dialog approved), or to one-time downloads; save dialogs exist only in the Electron shell.
import path from 'node:path';
import { WorkbenchError } from '@app/errors';
import { exportFileName } from '@app/exports';
import { exportRuns } from '../../store';
import type { HandlerDeps, HandlersOf } from '../domain-handlers';

export function createExportsHandlers({ host, kind }: HandlerDeps): HandlersOf<'export' | 'files'> {
  return {
    'export.create': async (req) => {
      const out = req.path
        ? host.exportPaths.resolve(req.path, req.format)
        : path.join(host.exportPaths.downloadFolder(), exportFileName(req.target, req.format, String(Date.now())));
      const result = await exportRuns(host.db, req.target, req.format, out);
      if (req.path) return result;
      return { ...result, downloads: result.files.map((f) => ({ name: f.name, id: host.downloads.add(f.path, f.name) })) };
    },
    'files.chooseSavePath': async () => {
      throw new WorkbenchError('unavailable', `save dialogs exist only in the desktop app (this is ${kind} mode: ${kind === 'cli' ? 'pass --out' : 'exports download through the browser'})`);
    },
  };
}
