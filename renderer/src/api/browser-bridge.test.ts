// The browser bridge: requests over HTTP with the bearer token and error envelopes turned into
// rejections; events from the socket; reconnection with backoff after the socket drops.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKOFF_MAX_MS, reconnectDelayMs } from './backoff';
import { createBrowserBridge } from './browser-bridge';

class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  close() {
    this.onclose?.();
  }
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('browser bridge', () => {
  it('sends requests with the token and rejects with the error payload', async () => {
    const calls: [string, RequestInit][] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push([url, init]);
      const ok = url.endsWith('app.info');
      return new Response(JSON.stringify(ok ? { ok: true, value: { version: '1' } } : { ok: false, error: { code: 'not_found', message: 'no run x' } }));
    }) as unknown as typeof fetch;
    const bridge = createBrowserBridge({ origin: 'http://127.0.0.1:9', token: 't0k', fetchImpl, WebSocketImpl: FakeSocket as unknown as typeof WebSocket });
    await expect(bridge.request('app.info', {})).resolves.toEqual({ version: '1' });
    await expect(bridge.request('runs.get', { id: 'x' })).rejects.toEqual({ code: 'not_found', message: 'no run x' });
    expect(calls[0]![0]).toBe('http://127.0.0.1:9/api/call/app.info');
    expect((calls[0]![1].headers as Record<string, string>).authorization).toBe('Bearer t0k');
    expect(bridge.downloadUrl('ab12')).toBe('http://127.0.0.1:9/api/download/ab12');
    bridge.close();
  });

  it('delivers socket events and reconnects with backoff', () => {
    const bridge = createBrowserBridge({ origin: 'http://127.0.0.1:9', token: 't', fetchImpl: fetch, WebSocketImpl: FakeSocket as unknown as typeof WebSocket });
    const events: string[] = [];
    const changes: string[] = [];
    bridge.subscribe((name) => events.push(name));
    bridge.onConnection((c) => changes.push(`${c.state}${c.reconnected ? '*' : ''}`));
    expect(FakeSocket.all[0]!.url).toBe('ws://127.0.0.1:9/api/events?token=t');
    FakeSocket.all[0]!.onopen!();
    FakeSocket.all[0]!.onmessage!({ data: JSON.stringify({ event: 'engine.status', payload: {} }) });
    FakeSocket.all[0]!.onmessage!({ data: 'not json' });
    expect(events).toEqual(['engine.status']);

    FakeSocket.all[0]!.close();
    expect(bridge.connection).toBe('reconnecting');
    vi.advanceTimersByTime(BACKOFF_MAX_MS);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.onopen!();
    expect(changes).toEqual(['open', 'reconnecting', 'open*']);
    bridge.close();
  });

  it('backs off exponentially up to a ceiling', () => {
    const half = () => 0.5;
    expect(reconnectDelayMs(0, half)).toBeLessThan(reconnectDelayMs(3, half));
    expect(reconnectDelayMs(20, () => 0.999)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
    expect(reconnectDelayMs(20, () => 0)).toBe(BACKOFF_MAX_MS / 2);
  });
});
