// What the header shows about the host: app.info at start-up, engine.status pushes after, and in
// browser mode whether the event socket is connected.
import { create } from 'zustand';
import type { ApiOutput } from '@app/api';
import type { WorkbenchClient } from '@app/client';
import type { Transport } from '../api/workbench';
import { errorPayloadOf } from '../api/workbench';
import type { ConnectionState } from '../api/browser-bridge';

export type EngineState = 'starting' | 'ready' | 'crashed';

export interface EngineStatusState {
  info: ApiOutput<'app.info'> | null;
  engine: EngineState | 'unknown';
  message: string | null;
  connection: ConnectionState;
  /** Set when app.info itself failed (host unreachable, wrong token). */
  hostError: string | null;
}

export const useEngineStatus = create<EngineStatusState>(() => ({ info: null, engine: 'unknown', message: null, connection: 'connecting', hostError: null }));

/** Loads app.info and follows engine.status and the socket; returns the unsubscribe function. */
export function connectEngineStatus(client: WorkbenchClient, transport: Transport, onReconnected: () => void): () => void {
  const load = () =>
    client.call('app.info', {}).then(
      (info) => useEngineStatus.setState({ info, engine: info.engine.status, message: info.engine.message, hostError: null }),
      (err: unknown) => {
        const p = errorPayloadOf(err);
        useEngineStatus.setState({ hostError: `${p.code}: ${p.message}` });
      },
    );
  void load();
  const offs = [client.on('engine.status', (s) => useEngineStatus.setState({ engine: s.status, message: s.message }))];
  if (transport.onConnection) {
    offs.push(
      transport.onConnection(({ state, reconnected }) => {
        useEngineStatus.setState({ connection: state });
        if (reconnected) {
          void load();
          onReconnected();
        }
      }),
    );
  } else {
    useEngineStatus.setState({ connection: 'open' });
  }
  return () => offs.forEach((off) => off());
}
