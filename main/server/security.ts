// Security settings shared by the browser-mode server and the Electron window: the Content Security
// Policy, the per-launch token, and checks that a request really comes from this machine's UI.
import crypto from 'node:crypto';

/** A strict CSP: only the app's own scripts, styles and sockets; no inline script, no eval, no frames. */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connect.join(' ')}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

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
