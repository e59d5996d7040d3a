// The browser-mode access token: read once from the address bar (?token=...), kept in
// sessionStorage for reloads, and removed from the visible URL so it is not shared by copy-paste.

const STORAGE_KEY = 'workbench.token';

export interface TokenEnvironment {
  location: { href: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string | URL | null): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * Returns the token from the URL (and stores it, and strips it from the address bar), else the one
 * stored earlier in this tab, else null.
 */
export function takeToken(env: TokenEnvironment): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      env.sessionStorage.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token then only lives for this page load.
    }
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return env.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
