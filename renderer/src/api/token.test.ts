// The browser-mode token: taken from the URL once, kept for reloads, removed from the address bar.
import { describe, expect, it } from 'vitest';
import type { TokenEnvironment } from './token';
import { takeToken } from './token';

function env(href: string): TokenEnvironment & { url: () => string; stored: Map<string, string> } {
  const stored = new Map<string, string>();
  let current = href;
  return {
    location: {
      get href() {
        return current;
      },
    },
    history: { state: null, replaceState: (_d, _u, url) => (current = new URL(String(url), current).href) },
    sessionStorage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
    url: () => current,
    stored,
  };
}

describe('takeToken', () => {
  it('takes the token from the URL, stores it and strips it, keeping the route', () => {
    const e = env('http://127.0.0.1:4317/?token=abc&x=1#/runs/run_1');
    expect(takeToken(e)).toBe('abc');
    expect(e.url()).toBe('http://127.0.0.1:4317/?x=1#/runs/run_1');
    expect([...e.stored.values()]).toEqual(['abc']);
  });

  it('falls back to the stored token after a reload', () => {
    const e = env('http://127.0.0.1:4317/?token=abc');
    takeToken(e);
    expect(e.url()).toBe('http://127.0.0.1:4317/');
    expect(takeToken(e)).toBe('abc');
  });

  it('returns null without a token', () => {
    expect(takeToken(env('http://127.0.0.1:4317/'))).toBeNull();
  });
});
