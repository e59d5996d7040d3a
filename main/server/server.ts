// Browser / remote mode: the same API over HTTP (POST /api/call/:method) and a WebSocket event stream
// (/api/events), plus the built UI as static files, on fastify. Binds 127.0.0.1 only. Every request
// must name this server in Host (DNS rebinding); API calls need the per-launch token in the
// Authorization header (never a query string), a JSON body (text/plain and forms are refused, so no
// cross-site "simple" request reaches a handler) under the body cap, and, where the browser sends one,
// this server's Origin. The socket takes the token in its query (browsers cannot set its headers).
// Downloads need no token: their id is a random one-time capability that expires.
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { WebSocketServer } from 'ws';
import type { ApiHandlers } from '@app/api';
import type { ErrorCode } from '@app/errors';
import type { DownloadRegistry } from '../host/exports/downloads';
import { dispatch } from '../host/dispatch';
import type { EventHub } from '../host/event-hub';
import { contentSecurityPolicy } from '@app/content-security-policy';
import { jsonDepthOver } from './json-depth';
import { allowedHost, allowedOrigin, tokenMatches } from './security';

export interface ServerOptions {
  handlers: ApiHandlers;
  hub: EventHub;
  downloads: DownloadRegistry;
  token: string;
  /** Built renderer (index.html and assets); absent: API only. */
  staticDir: string | null;
  port: number;
  /** Largest request body accepted (default MAX_BODY_BYTES); larger ones get 413 before they are read whole. */
  maxBodyBytes?: number;
  /** Bytes a WebSocket subscriber may leave unread before it is dropped (default MAX_SOCKET_BACKLOG). */
  maxSocketBacklog?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The API's largest request: a dataset upload of many items; everything else is far smaller. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Deepest JSON nesting accepted in a request body (the contract's deepest is a handful of levels). */
export const MAX_JSON_DEPTH = 64;
/** Unread bytes after which an event subscriber is disconnected (it reconnects and refetches). */
export const MAX_SOCKET_BACKLOG = 8 * 1024 * 1024;
/** Largest WebSocket frame accepted from a client (the socket only pushes; clients send nothing). */
const MAX_FRAME_BYTES = 64 * 1024;

function fail(reply: FastifyReply, status: number, code: ErrorCode, message: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ ok: false, error: { code, message } });
}

/** Starts the server on 127.0.0.1 (port 0: any free port). */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const bodyLimit = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const backlog = opts.maxSocketBacklog ?? MAX_SOCKET_BACKLOG;
  let port = opts.port;
  const securityHeaders = (): Record<string, string> => ({
    'content-security-policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  });

  const app = Fastify({ bodyLimit, logger: false, forceCloseConnections: true, maxParamLength: 200, return503OnClosing: true });

  // JSON only: fastify's default text/plain parser is removed, so a cross-site form or text post gets 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, {});
    if (jsonDepthOver(text, MAX_JSON_DEPTH)) return done(Object.assign(new Error(`request body is nested deeper than ${MAX_JSON_DEPTH} levels`), { statusCode: 400 }), undefined);
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(Object.assign(new Error(`request body is not valid JSON: ${(err as Error).message}`), { statusCode: 400 }), undefined);
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    if (!allowedHost(req.headers.host, port)) return fail(reply, 403, 'unauthorized', 'unexpected Host header');
    if (!req.url.startsWith('/api/')) return;
    if (!allowedOrigin(req.headers.origin, port)) return fail(reply, 403, 'unauthorized', `requests from ${String(req.headers.origin)} are refused: only this server's own page may call its API`);
    if (req.url.startsWith('/api/download/')) return;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!tokenMatches(opts.token, bearer)) return fail(reply, 401, 'unauthorized', 'missing or wrong token (send it as Authorization: Bearer): open the URL printed at start-up');
  });

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const status = err.statusCode ?? 500;
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return fail(reply, 413, 'invalid_payload', `request body over ${bodyLimit} bytes: the largest request accepted is ${Math.round(bodyLimit / 1024 / 1024)} MB`);
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) return fail(reply, 415, 'invalid_payload', 'API calls take a JSON body: send Content-Type: application/json');
    if (status >= 400 && status < 500) return fail(reply, status, 'invalid_payload', err.message);
    return fail(reply, 500, 'internal', err.message);
  });

  app.post<{ Params: { method: string } }>('/api/call/:method', async (req, reply) => {
    const envelope = await dispatch(opts.handlers, req.params.method, req.body ?? {});
    const status = envelope.ok ? 200 : envelope.error.code === 'invalid_payload' ? 400 : envelope.error.code === 'not_found' ? 404 : 200;
    return reply.code(status).header('cache-control', 'no-store').send(envelope);
  });

  app.get<{ Params: { id: string } }>('/api/download/:id', async (req, reply) => {
    const file = /^[a-f0-9]{32}$/.test(req.params.id) ? opts.downloads.take(req.params.id) : null;
    if (!file || !fs.existsSync(file.path)) return fail(reply, 404, 'not_found', 'download expired, already used, or unknown: export again');
    return reply
      .header('content-type', 'application/octet-stream')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`)
      .header('content-length', String(fs.statSync(file.path).size))
      .send(fs.createReadStream(file.path));
  });

  if (opts.staticDir) {
    await app.register(fastifyStatic, { root: path.resolve(opts.staticDir), wildcard: false, index: false, setHeaders: (res) => {
      for (const [k, v] of Object.entries(securityHeaders())) res.header(k, v);
    } });
  }
  const sendShell = async (reply: FastifyReply) => {
    // Client-side routes fall back to the app shell; a missing build is a 503, never a crash.
    if (!opts.staticDir || !fs.existsSync(path.join(opts.staticDir, 'index.html'))) return fail(reply, 503, 'not_found', 'the UI files are not built (run npm run build)');
    return reply.headers(securityHeaders()).type('text/html; charset=utf-8').sendFile('index.html');
  };
  app.get('/', async (_req, reply) => sendShell(reply));
  app.setNotFoundHandler(async (req: FastifyRequest, reply) => {
    if (req.method !== 'GET' || req.url.startsWith('/api/') || !opts.staticDir) return fail(reply, 404, 'not_found', `no route ${req.method} ${req.url.split('?')[0]}`);
    return sendShell(reply);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  app.server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      socket.destroy();
      return;
    }
    if (url.pathname !== '/api/events' || !allowedHost(req.headers.host, port) || !allowedOrigin(req.headers.origin, port) || !tokenMatches(opts.token, url.searchParams.get('token'))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A bad frame (oversized, reserved opcode, bad UTF-8) is an error on this socket only.
      ws.on('error', () => ws.terminate());
      const unsubscribe = opts.hub.subscribe((event, payload) => {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > backlog) {
          // A subscriber that does not read: drop it rather than hold its backlog in memory.
          ws.terminate();
          return;
        }
        ws.send(JSON.stringify({ event, payload }));
      });
      ws.on('close', unsubscribe);
      ws.on('message', () => ws.close(1008, 'this socket only pushes events; send requests over HTTP'));
    });
  });

  await app.listen({ port: opts.port, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${opts.token}`,
    port,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await app.close();
    },
  };
}
