// Transport-agnostic request dispatch: validates a method name and its input against app/api.ts,
// runs the handler, validates the output, and returns an envelope a transport can serialise as is.
import { api, isApiMethod } from '@app/api';
import type { ApiHandlers } from '@app/api';
import type { ErrorPayload } from '@app/errors';
import { toErrorPayload } from '@app/errors';

export type Envelope = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };

/** Runs one API request; never throws. */
export async function dispatch(handlers: ApiHandlers, method: string, input: unknown): Promise<Envelope> {
  if (!isApiMethod(method)) return { ok: false, error: { code: 'not_found', message: `unknown API method "${method}"` } };
  const spec = api[method];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'invalid_payload', message: `${method}: ${message}` } };
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const out = spec.output.safeParse(value);
    if (!out.success) {
      return { ok: false, error: { code: 'internal', message: `${method} produced an invalid response: ${out.error.issues[0]?.path.join('.')} ${out.error.issues[0]?.message}` } };
    }
    return { ok: true, value: out.data };
  } catch (err) {
    return { ok: false, error: toErrorPayload(err) };
  }
}
