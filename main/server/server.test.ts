// Browser mode's transport: loopback only, the per-launch token on every API call and on the event
// socket, Host-header and Origin checks, payload validation, strict CSP on the UI it serves.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { childProcessSpawner } from '../host/child-engine';
import type { Host } from '../host/host';
import { createHost } from '../host/host';
import type { RunningServer } from './server';
import { startServer } from './server';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const token = 'test-token-123';
let host: Host;
let server: RunningServer;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-server-'));
  fs.mkdirSync(path.join(dir, 'ui'));
  fs.writeFileSync(path.join(dir, 'ui', 'index.html'), '<!doctype html><title>ui</title>');
  host = await createHost({ dbPath: path.join(dir, 'db.sqlite'), spawnEngine: childProcessSpawner(), kind: 'serve', nativeModelsDir: path.join(root, 'native-models') });
  server = await startServer({ handlers: host.handlers, hub: host.hub, downloads: host.downloads, token, staticDir: path.join(dir, 'ui'), port: 0 });
});
afterAll(async () => {
  await server?.close();
  await host?.close();
});

function request(
  method: string,
  pathname: string,
  opts: { body?: unknown; auth?: string | null; hostHeader?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: opts.hostHeader ?? `127.0.0.1:${server.port}` };
    if (opts.auth !== null) headers.authorization = `Bearer ${opts.auth ?? token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, opts.headers);
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
    req.end();
  });
}

describe('server', () => {
  it('listens on loopback only and prints a tokened URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
  });

  it('requires the token on API calls', async () => {
    expect((await request('POST', '/api/call/models.list', { auth: null, body: {} })).status).toBe(401);
    expect((await request('POST', '/api/call/models.list', { auth: 'wrong', body: {} })).status).toBe(401);
    const ok = await request('POST', '/api/call/models.list', { body: {} });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).value.map((m: { id: string }) => m.id)).toContain('base');
  });

  it('rejects requests addressed to another host name (DNS rebinding)', async () => {
    expect((await request('POST', '/api/call/models.list', { body: {}, hostHeader: 'evil.example:80' })).status).toBe(403);
  });

  it('validates payloads against the contract and names the problem', async () => {
    const bad = await request('POST', '/api/call/runs.start', { body: { prompt: { kind: 'text', text: '' }, config: { method: 'autoregressive' } } });
    expect(bad.status).toBe(400);
    const err = JSON.parse(bad.body).error;
    expect(err.code).toBe('invalid_payload');
    expect(err.message).toMatch(/prompt/);
    expect(err.message).toMatch(/config\.model/);
    expect((await request('POST', '/api/call/runs.start', { body: '{not json' })).status).toBe(400);
    expect((await request('POST', '/api/call/no.such', { body: {} })).status).toBe(404);
  });

  it('serves the UI with a strict Content-Security-Policy', async () => {
    const page = await request('GET', '/', { auth: null });
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe');
    expect((await request('GET', '/../../etc/passwd', { auth: null })).body).toContain('<title>ui</title>');
  });

  it('pushes run events over the socket only with the token', async () => {
    const refused = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=wrong`);
      ws.on('error', () => resolve(true));
      ws.on('open', () => resolve(false));
    });
    expect(refused).toBe(true);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${token}`);
    await new Promise((r) => ws.on('open', r));
    const events: string[] = [];
    const done = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const { event } = JSON.parse(String(data));
        events.push(event);
        if (event === 'run.finished') resolve();
      }),
    );
    const started = await request('POST', '/api/call/runs.start', { body: { prompt: { kind: 'text', text: 'a = 1. b = a + 2. What is b?' }, config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { maxNewTokens: 24 } } } });
    expect(JSON.parse(started.body).ok).toBe(true);
    await done;
    ws.close();
    expect(events[0]).toBe('run.started');
    expect(events).toContain('run.events');
  });
});
