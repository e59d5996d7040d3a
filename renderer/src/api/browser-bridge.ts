// The browser-mode bridge: requests as POST /api/call/:method with the bearer token, pushed events
// over a WebSocket (/api/events?token=) that reconnects with backoff after the host restarts or the
// network drops. Implements the same WorkbenchBridge as Electron's preload.
import type { ErrorPayload } from '@app/errors';
import type { WorkbenchBridge } from '@app/client';
import { reconnectDelayMs } from './backoff';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface ConnectionChange {
  state: ConnectionState;
  /** True when the socket came back after having been open: events in between were missed. */
  reconnected: boolean;
}

export interface BrowserBridge extends WorkbenchBridge {
  readonly connection: ConnectionState;
  onConnection(listener: (change: ConnectionChange) => void): () => void;
  /** URL that downloads an export file by its one-time id. */
  downloadUrl(id: string): string;
  close(): void;
}

export interface BrowserBridgeOptions {
  /** e.g. http://127.0.0.1:4317 */
  origin: string;
  token: string;
  fetchImpl?: typeof fetch;
  WebSocketImpl?: typeof WebSocket;
}

type Envelope = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };

function failure(code: ErrorPayload['code'], message: string): ErrorPayload {
  return { code, message };
}

/** Creates the bridge and opens the event socket at once. */
export function createBrowserBridge({ origin, token, fetchImpl = fetch.bind(globalThis), WebSocketImpl = WebSocket }: BrowserBridgeOptions): BrowserBridge {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const connectionListeners = new Set<(change: ConnectionChange) => void>();
  let state: ConnectionState = 'connecting';
  let wasOpen = false;
  let attempt = 0;
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const setState = (next: ConnectionState, reconnected = false) => {
    state = next;
    for (const l of connectionListeners) l({ state: next, reconnected });
  };

  const connect = () => {
    if (closed) return;
    const url = `${origin.replace(/^http/, 'ws')}/api/events?token=${encodeURIComponent(token)}`;
    const ws = new WebSocketImpl(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      const reconnected = wasOpen;
      wasOpen = true;
      setState('open', reconnected);
    };
    ws.onmessage = (message) => {
      let parsed: { event?: unknown; payload?: unknown };
      try {
        parsed = JSON.parse(String(message.data)) as { event?: unknown; payload?: unknown };
      } catch {
        return;
      }
      if (typeof parsed.event !== 'string') return;
      for (const l of listeners) l(parsed.event, parsed.payload);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (closed) return;
      setState('reconnecting');
      retryTimer = setTimeout(connect, reconnectDelayMs(attempt++));
    };
  };
  connect();

  return {
    get connection() {
      return state;
    },
    async request(method, input) {
      let response: Response;
      try {
        response = await fetchImpl(`${origin}/api/call/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (err) {
        throw failure('internal', `cannot reach the workbench host at ${origin}: ${(err as Error).message}`);
      }
      let envelope: Envelope;
      try {
        envelope = (await response.json()) as Envelope;
      } catch {
        throw failure('internal', `the host answered ${method} with HTTP ${response.status} and no JSON body`);
      }
      if (envelope.ok) return envelope.value;
      throw envelope.error ?? failure('internal', `HTTP ${response.status}`);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    downloadUrl(id) {
      // The one-time id is the capability: no token in a URL that lands in the browser's history.
      return `${origin}/api/download/${encodeURIComponent(id)}`;
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close();
      socket = null;
    },
  };
}
