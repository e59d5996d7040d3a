// The Content Security Policy the UI runs under, the same in the Electron window and in browser mode
// (the server sends it with every page). Here, in the contract, because both shells use it and the
// renderer must work within it (no inline styles or scripts).

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
