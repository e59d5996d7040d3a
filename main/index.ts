// Electron entry: one window with the renderer, hardened (context isolation, sandbox, no Node in the
// renderer, strict CSP, no navigation or new windows), the app/ API over IPC to the host, and the
// engine in a utilityProcess. Everything else lives in the host, shared with serve mode and the CLI.
import { BrowserWindow, app, ipcMain, session, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from './host/dispatch';
import type { Host } from './host/host';
import { createHost, findAppRoot } from './host/host';
import { chooseSavePathHandler } from './electron/save-dialog';
import { utilityProcessSpawner } from './electron/utility-engine';
import { contentSecurityPolicy } from '@app/content-security-policy';
import { defaultDatabasePath } from './store';

const here = path.dirname(fileURLToPath(import.meta.url));
let host: Host | null = null;

function createWindow(root: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Reasoning Workbench',
    webPreferences: {
      preload: path.join(root, 'out', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  void win.loadFile(path.join(root, 'out', 'renderer', 'index.html'));
  return win;
}

app.whenReady().then(async () => {
  const root = findAppRoot(fileURLToPath(import.meta.url));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  if (!process.env.WORKBENCH_DB) process.env.WORKBENCH_DB = path.join(app.getPath('userData'), 'workbench.db');
  host = await createHost({
    dbPath: defaultDatabasePath(),
    spawnEngine: utilityProcessSpawner(here),
    kind: 'electron',
    nativeModelsDir: path.join(root, 'native-models'),
    version: app.getVersion(),
  });
  const h = host;
  // The one handler only the desktop app can serve: a native save dialog for exports.
  const choose = chooseSavePathHandler(() => BrowserWindow.getFocusedWindow(), () => app.getPath('downloads'));
  h.handlers['files.chooseSavePath'] = async (input) => {
    const chosen = await choose(input);
    // The user picked this path (and confirmed any replacement) in the native dialog: export.create may write it once.
    if (chosen.path) h.exportPaths.approve(chosen.path);
    return chosen;
  };
  ipcMain.handle('workbench:request', (_e, message: { method?: unknown; input?: unknown }) =>
    dispatch(h.handlers, typeof message?.method === 'string' ? message.method : '', message?.input),
  );
  h.hub.subscribe((event, payload) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send('workbench:event', { event, payload });
  });
  createWindow(root);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(root);
  });
});

app.on('window-all-closed', () => {
  void host?.close().finally(() => app.quit());
});
