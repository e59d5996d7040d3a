// The preload: exposes exactly the app/ API bridge as window.workbench (request + subscribe) and
// nothing else. Runs sandboxed with context isolation; payloads are validated in the main process
// (dispatch) and again by the renderer's client.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { WorkbenchBridge } from '@app/client';

const REQUEST = 'workbench:request';
const EVENT = 'workbench:event';

const bridge: WorkbenchBridge = {
  async request(method, input) {
    const envelope = (await ipcRenderer.invoke(REQUEST, { method, input })) as { ok: true; value: unknown } | { ok: false; error: unknown };
    if (envelope.ok) return envelope.value;
    throw envelope.error;
  },
  subscribe(listener) {
    const handler = (_e: IpcRendererEvent, message: { event: string; payload: unknown }) => listener(message.event, message.payload);
    ipcRenderer.on(EVENT, handler);
    return () => {
      ipcRenderer.removeListener(EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('workbench', bridge);
