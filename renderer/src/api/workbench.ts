// The renderer's one connection to the host: picks the transport (Electron's window.workbench, or
// the browser bridge over HTTP + WebSocket with the URL token), wraps it with the validating client
// from app/client.ts, and formats errors for people ("code: message").
import type { WorkbenchBridge, WorkbenchClient } from '@app/client';
import { createClient } from '@app/client';
import type { ErrorPayload } from '@app/errors';
import { toErrorPayload } from '@app/errors';
import type { BrowserBridge, ConnectionChange } from './browser-bridge';
import { createBrowserBridge } from './browser-bridge';
import { takeToken } from './token';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    workbench?: WorkbenchBridge;
  }
}

export interface Transport {
  kind: 'electron' | 'browser';
  bridge: WorkbenchBridge;
  /** Browser mode: the URL that downloads an export file; Electron: null (files are written locally). */
  downloadUrl: ((id: string) => string) | null;
  /** Browser mode: socket state changes; Electron's IPC is always connected. */
  onConnection: ((listener: (change: ConnectionChange) => void) => () => void) | null;
}

let transport: Transport | null = null;
let client: WorkbenchClient | null = null;

/** The Electron bridge when present, else a browser bridge to the page's own origin. */
export function selectTransport(win: Window = window): Transport {
  if (win.workbench) return { kind: 'electron', bridge: win.workbench, downloadUrl: null, onConnection: null };
  const token = takeToken(win) ?? '';
  const bridge: BrowserBridge = createBrowserBridge({ origin: win.location.origin, token });
  return { kind: 'browser', bridge, downloadUrl: (id) => bridge.downloadUrl(id), onConnection: (l) => bridge.onConnection(l) };
}

/** Connects once; later calls return the same client. Tests may pass their own transport. */
export function initWorkbench(custom?: Transport): WorkbenchClient {
  if (client && !custom) return client;
  transport = custom ?? selectTransport();
  client = createClient(transport.bridge);
  return client;
}

/** The validating API client (initWorkbench must have run). */
export function getClient(): WorkbenchClient {
  return client ?? initWorkbench();
}

/** The transport in use. */
export function getTransport(): Transport {
  if (!transport) initWorkbench();
  return transport!;
}

/** Anything thrown, as the payload users see. */
export function errorPayloadOf(err: unknown): ErrorPayload {
  return toErrorPayload(err);
}

/** "code: message", the form every error is shown in. */
export function errorText(err: unknown): string {
  const p = toErrorPayload(err);
  return `${p.code}: ${p.message}`;
}
