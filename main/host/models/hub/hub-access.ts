// Where the hub is and who we are to it: HF_ENDPOINT (a mirror, or the loopback fake in tests) and
// HF_TOKEN (gated and private repositories), read the way the huggingface_hub tools read them; and the
// hub's failures turned into one line a user can act on (offline, gated, not found).
import { HubApiError } from '@huggingface/hub';
import { WorkbenchError } from '@app/errors';

export interface HubAccess {
  /** Base URL without a trailing slash, e.g. https://huggingface.co. */
  endpoint: string;
  /** The access token, when one is set. */
  token?: string;
}

/** Endpoint and token from the environment (HF_ENDPOINT, HF_TOKEN or HUGGING_FACE_HUB_TOKEN). */
export function hubAccessFromEnv(env: NodeJS.ProcessEnv = process.env): HubAccess {
  const endpoint = (env.HF_ENDPOINT?.trim() || 'https://huggingface.co').replace(/\/+$/, '');
  try {
    const url = new URL(endpoint);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    throw new WorkbenchError('invalid_payload', `HF_ENDPOINT is not an http(s) URL: ${endpoint}`);
  }
  const token = (env.HF_TOKEN ?? env.HUGGING_FACE_HUB_TOKEN)?.trim() || undefined;
  if (token && !token.startsWith('hf_')) throw new WorkbenchError('unauthorized', 'HF_TOKEN does not look like a Hugging Face access token (they start with "hf_")');
  return { endpoint, token };
}

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/** The system error code behind a failed fetch (undici wraps it in `cause`), if any. */
export function networkCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  }
  return undefined;
}

/** True for failures worth retrying with a Range request: a connection that broke or a 5xx. */
export function isTransient(err: unknown): boolean {
  if (err instanceof WorkbenchError) return false;
  const status = err instanceof HubApiError ? err.statusCode : (err as { status?: unknown })?.status;
  if (typeof status === 'number') return status >= 500 || status === 429;
  if (networkCode(err)) return true;
  const msg = err instanceof Error ? err.message : '';
  return /terminated|socket|ECONNRESET|other side closed|premature close|aborted by the server/i.test(msg);
}

/** One line for a hub failure on `repo`: offline, gated or private (naming HF_TOKEN), not found. */
export function describeHubError(err: unknown, repo: string, access: HubAccess): WorkbenchError {
  if (err instanceof WorkbenchError) return err;
  const status = err instanceof HubApiError ? err.statusCode : (err as { status?: number })?.status;
  if (status === 401 || status === 403) {
    return new WorkbenchError(
      'unauthorized',
      access.token
        ? `${repo} refused the token in HF_TOKEN (HTTP ${status}): the repository is gated or private; accept its terms on its hub page with that account, or use a token with access`
        : `${repo} is gated or private (HTTP ${status}): set HF_TOKEN to an access token of an account that accepted its terms`,
      { repo, status },
    );
  }
  if (status === 404) return new WorkbenchError('not_found', `${repo} not found on ${access.endpoint} (check the name and revision)`, { repo });
  const code = networkCode(err);
  if (code || (err instanceof TypeError && /fetch failed/.test(err.message))) {
    return new WorkbenchError('unavailable', `offline: cannot reach the model hub at ${access.endpoint}${code ? ` (${code})` : ''}`, { endpoint: access.endpoint });
  }
  const msg = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  return new WorkbenchError('unavailable', `the hub at ${access.endpoint} failed for ${repo}: ${msg}`, { repo, status });
}
