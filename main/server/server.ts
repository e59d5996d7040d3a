// Browser / remote mode: the same API over HTTP (POST /api/call/:method) and a WebSocket event stream
// (/api/events), plus the built UI as static files. Binds 127.0.0.1 only; every API request needs the
// per-launch token (Authorization: Bearer, or ?token= for the socket and downloads).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { ApiHandlers } from '../../app/api';
import type { DownloadRegistry } from '../host/downloads';
import { dispatch } from '../host/dispatch';
import type { EventHub } from '../host/event-hub';
import { contentSecurityPolicy } from '../../app/content-security-policy';
import { allowedHost, tokenMatches } from './security';

export interface ServerOptions {
  handlers: ApiHandlers;
  hub: EventHub;
  downloads: DownloadRegistry;
  token: string;
  /** Built renderer (index.html and assets); absent: API only. */
  staticDir: string | null;
  port: number;
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Streams a file; a file that vanished (e.g. the UI being rebuilt) is a 503, never a crash. */
function streamFile(res: http.ServerResponse, file: string, type: string, headers: Record<string, string>): void {
  const stream = fs.createReadStream(file);
  stream.once('open', () => {
    res.writeHead(200, { 'content-type': type, ...headers });
    stream.pipe(res);
  });
  stream.once('error', () => {
    if (!res.headersSent) send(res, 503, { ok: false, error: { code: 'not_found', message: 'the UI files are not built (run npm run build)' } });
    else res.destroy();
  });
}

/** Starts the server on 127.0.0.1 (port 0: any free port). */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const limit = opts.maxBodyBytes ?? 256 * 1024 * 1024;
  let port = opts.port;
  const securityHeaders = (): Record<string, string> => ({
    'content-security-policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  });

  const server = http.createServer(async (req, res) => {
    try {
      if (!allowedHost(req.headers.host, port)) {
        send(res, 403, { ok: false, error: { code: 'unauthorized', message: 'unexpected Host header' } });
        return;
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/api/')) {
        const bearer = req.headers.authorization?.replace(/^Bearer /, '');
        if (!tokenMatches(opts.token, bearer ?? url.searchParams.get('token'))) {
          send(res, 401, { ok: false, error: { code: 'unauthorized', message: 'missing or wrong token: open the URL printed at start-up' } });
          return;
        }
        const call = /^\/api\/call\/([a-zA-Z.]+)$/.exec(url.pathname);
        if (call && req.method === 'POST') {
          let input: unknown;
          try {
            const body = await readBody(req, limit);
            input = body ? JSON.parse(body) : {};
          } catch (err) {
            send(res, 400, { ok: false, error: { code: 'invalid_payload', message: `request body is not valid JSON: ${(err as Error).message}` } });
            return;
          }
          const envelope = await dispatch(opts.handlers, call[1]!, input);
          send(res, envelope.ok ? 200 : envelope.error.code === 'invalid_payload' ? 400 : envelope.error.code === 'not_found' ? 404 : 200, envelope);
          return;
        }
        const download = /^\/api\/download\/([a-f0-9]+)$/.exec(url.pathname);
        if (download && req.method === 'GET') {
          const file = opts.downloads.get(download[1]!);
          if (!file || !fs.existsSync(file.path)) {
            send(res, 404, { ok: false, error: { code: 'not_found', message: 'download expired or unknown' } });
            return;
          }
          res.writeHead(200, {
            'content-type': 'application/octet-stream',
            'content-disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
            'content-length': String(fs.statSync(file.path).size),
          });
          fs.createReadStream(file.path).on('error', () => res.destroy()).pipe(res);
          return;
        }
        send(res, 404, { ok: false, error: { code: 'not_found', message: `no route ${req.method} ${url.pathname}` } });
        return;
      }
      if (!opts.staticDir || req.method !== 'GET') {
        send(res, 404, { ok: false, error: { code: 'not_found', message: 'not found' } });
        return;
      }
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      const file = path.resolve(opts.staticDir, rel);
      if (!file.startsWith(path.resolve(opts.staticDir) + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        // Client-side routes fall back to the app shell.
        streamFile(res, path.join(opts.staticDir, 'index.html'), TYPES['.html']!, securityHeaders());
        return;
      }
      streamFile(res, file, TYPES[path.extname(file)] ?? 'application/octet-stream', securityHeaders());
    } catch (err) {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: (err as Error).message } });
      else res.end();
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = req.headers.origin;
    const originOk = !origin || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
    if (url.pathname !== '/api/events' || !allowedHost(req.headers.host, port) || !originOk || !tokenMatches(opts.token, url.searchParams.get('token'))) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = opts.hub.subscribe((event, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
      });
      ws.on('close', unsubscribe);
      ws.on('message', () => ws.close(1008, 'this socket only pushes events; send requests over HTTP'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${opts.token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
