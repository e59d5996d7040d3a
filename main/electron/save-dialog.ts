// The desktop app's 'files.chooseSavePath': a native save dialog for an export (null when cancelled).
import type { BrowserWindow } from 'electron';
import { dialog } from 'electron';
import type { ApiHandlers } from '@app/api';
import { saveDialogOptions } from './save-dialog-options';

/** The handler, over the focused window and the Downloads folder. */
export function chooseSavePathHandler(window: () => BrowserWindow | null, downloads: () => string): ApiHandlers['files.chooseSavePath'] {
  return async ({ defaultName, format }) => {
    const options = saveDialogOptions(defaultName, format, downloads());
    const win = window();
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return { path: result.canceled || !result.filePath ? null : result.filePath };
  };
}
