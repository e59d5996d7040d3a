// The browser-mode server's security checks: the per-launch token and checks that a request really
// comes from this machine's UI. The Content Security Policy, shared with the Electron window, is in
// app/content-security-policy.ts.
import crypto from 'node:crypto';

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** Constant-time token comparison. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Host header check against DNS rebinding: only the loopback names this server was bound to. */
export function allowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/**
 * Origin check for the API and the socket: a browser names the page that made the request; only this
 * server's own page may call. No Origin at all (curl, the CLI, same-origin GETs) is allowed: the token
 * still guards those.
 */
export function allowedOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
