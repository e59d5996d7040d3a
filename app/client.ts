// A typed client over any transport that can send a request and deliver pushed events. The client
// validates what it sends and what it receives against the API schemas, so a renderer bug or a
// misbehaving host fails loudly at the boundary instead of deep inside a view.
import type { ApiEventName, ApiEventPayload, ApiInput, ApiMethod, ApiOutput } from './api';
import { api, apiEvents } from './api';
import { ErrorPayload, WorkbenchError, fromErrorPayload } from './errors';

/**
 * What the Electron preload exposes as `window.workbench`, and what the browser-mode transport
 * implements over HTTP + WebSocket. Requests resolve to the raw output or reject with an ErrorPayload.
 */
export interface WorkbenchBridge {
  request(method: string, input: unknown): Promise<unknown>;
  /** Subscribes to every pushed event; returns the unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export interface WorkbenchClient {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
}

/** Wraps a bridge with schema validation on both directions. */
export function createClient(bridge: WorkbenchBridge): WorkbenchClient {
  return {
    async call(method, input) {
      const spec = api[method];
      const parsedInput = spec.input.safeParse(input);
      if (!parsedInput.success) {
        throw new WorkbenchError('invalid_payload', `${method}: ${parsedInput.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      let raw: unknown;
      try {
        raw = await bridge.request(method, parsedInput.data);
      } catch (err) {
        const payload = ErrorPayload.safeParse(err);
        if (payload.success) throw fromErrorPayload(payload.data);
        throw err;
      }
      const parsedOutput = spec.output.safeParse(raw);
      if (!parsedOutput.success) {
        throw new WorkbenchError('invalid_payload', `${method} returned an invalid response: ${parsedOutput.error.issues[0]?.message ?? ''}`);
      }
      return parsedOutput.data as ApiOutput<typeof method>;
    },
    on(event, listener) {
      const schema = apiEvents[event];
      return bridge.subscribe((name, payload) => {
        if (name !== event) return;
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data as ApiEventPayload<typeof event>);
        else console.error(`dropped invalid ${event} event`, parsed.error.issues[0]);
      });
    },
  };
}
