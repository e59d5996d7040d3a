// A loopback stand-in for the Hugging Face hub (the one boundary the pull tests cannot own): the hub's
// URL layout for model repositories, served from local folders on 127.0.0.1. Routes: revision info
// (`/api/models/{repo}/revision/{rev}`), the tree (`/api/models/{repo}/tree/{rev}?recursive=true`),
// paths-info (POST `/api/models/{repo}/paths-info/{rev}`) and file bytes with HTTP Range
// (`/{repo}/resolve/{rev}/{path}`). Test knobs per repository: gated (401 without the right token), a
// listed checksum that is wrong, a connection dropped once mid-file, and a hold that stops a file's
// bytes at an offset until released (for cancelling or watching a download in flight, with no timing).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface FakeRepo {
  /** Repository path → local file. */
  files: Record<string, string>;
  /** Only this token (`Authorization: Bearer ...`) may read it; others get 401. */
  gatedToken?: string;
  /** Paths whose listed sha256 is wrong (the bytes are served unchanged). */
  wrongChecksum?: string[];
  /** Path → byte offset at which the first response for it is cut (the socket destroyed). */
  dropOnceAt?: Record<string, number>;
  /** Path → byte offset at which every response for it pauses until `release(path)`. */
  holdAt?: Record<string, number>;
}

export interface FakeHub {
  url: string;
  /** Lets held responses of `file` continue. */
  release(file: string): void;
  /** Requests seen, as "METHOD path [range]". */
  requests: string[];
  close(): Promise<void>;
}

/** Files at or above this size (or with an ONNX/weights extension) are listed as LFS files with a sha256. */
const LFS_MIN = 10 * 1024;

interface Entry {
  type: 'file';
  path: string;
  size: number;
  oid: string;
  lfs?: { oid: string; size: number; pointerSize: number };
}

function describe(repo: FakeRepo, p: string): Entry {
  const bytes = fs.readFileSync(repo.files[p]!);
  const gitOid = crypto.createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
  if (bytes.length < LFS_MIN && !/\.(onnx|onnx_data|weights)$/.test(p)) return { type: 'file', path: p, size: bytes.length, oid: gitOid };
  let sha = crypto.createHash('sha256').update(bytes).digest('hex');
  if (repo.wrongChecksum?.includes(p)) sha = sha.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  return { type: 'file', path: p, size: 134, oid: gitOid, lfs: { oid: sha, size: bytes.length, pointerSize: 134 } };
}

/** A commit id per repository name (stable, 40 hex digits). */
export function fakeSha(repo: string): string {
  return crypto.createHash('sha1').update(repo).digest('hex');
}

/** Starts the fake hub on 127.0.0.1 (a free port unless `port` is given). */
export async function startFakeHub(repos: Record<string, FakeRepo>, port = 0): Promise<FakeHub> {
  const dropped = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  const released = new Set<string>();
  const requests: string[] = [];

  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      requests.push(`${req.method} ${url.pathname}${req.headers.range ? ` ${req.headers.range}` : ''}`);
      const api = parts[0] === 'api' && parts[1] === 'models';
      const name = api ? `${parts[2]}/${parts[3]}` : `${parts[0]}/${parts[1]}`;
      const repo = repos[name];
      if (!repo) return json(res, 404, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' });
      if (repo.gatedToken && req.headers.authorization !== `Bearer ${repo.gatedToken}`) {
        return json(res, 401, { error: `Access to model ${name} is restricted. You must have access to it and be authenticated to access it. Please log in.` }, { 'x-error-code': 'GatedRepo' });
      }
      const sha = fakeSha(name);
      if (api && parts[4] === 'revision') {
        return json(res, 200, { _id: sha.slice(0, 24), id: name, sha, private: false, gated: repo.gatedToken ? 'manual' : false, downloads: 0, likes: 0, lastModified: '2026-01-01T00:00:00.000Z', siblings: Object.keys(repo.files).map((rfilename) => ({ rfilename })) });
      }
      if (api && parts[4] === 'tree') {
        const prefix = parts.slice(6).join('/');
        const entries = Object.keys(repo.files).filter((p) => !prefix || p.startsWith(`${prefix}/`)).sort().map((p) => describe(repo, p));
        return json(res, 200, entries);
      }
      if (api && parts[4] === 'paths-info' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const wanted = (JSON.parse(body) as { paths: string[] }).paths;
        return json(res, 200, wanted.filter((p) => repo.files[p]).map((p) => describe(repo, p)));
      }
      if (!api && parts[2] === 'resolve') {
        const file = parts.slice(4).join('/');
        const local = repo.files[file];
        if (!local) return json(res, 404, { error: 'Entry not found' }, { 'x-error-code': 'EntryNotFound' });
        const bytes = fs.readFileSync(local);
        const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
        const start = range ? Number(range[1]) : 0;
        const end = range && range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
        if (start >= bytes.length) {
          res.writeHead(416, { 'content-range': `bytes */${bytes.length}` });
          return res.end();
        }
        res.writeHead(range ? 206 : 200, {
          'content-type': 'application/octet-stream',
          'content-length': String(end - start + 1),
          'accept-ranges': 'bytes',
          etag: `"${crypto.createHash('sha256').update(bytes).digest('hex')}"`,
          ...(range ? { 'content-range': `bytes ${start}-${end}/${bytes.length}` } : {}),
        });
        const body = bytes.subarray(start, end + 1);
        const dropAt = repo.dropOnceAt?.[file];
        if (dropAt !== undefined && !dropped.has(file) && dropAt > start && dropAt <= end) {
          dropped.add(file);
          res.write(body.subarray(0, dropAt - start), () => setImmediate(() => res.socket?.destroy()));
          return;
        }
        const holdAt = repo.holdAt?.[file];
        if (holdAt !== undefined && !released.has(file) && holdAt > start && holdAt <= end) {
          res.write(body.subarray(0, holdAt - start));
          await new Promise<void>((resolve) => waiting.set(file, [...(waiting.get(file) ?? []), resolve]));
          if (res.destroyed) return;
          return res.end(body.subarray(holdAt - start));
        }
        return res.end(body);
      }
      return json(res, 404, { error: `no route ${url.pathname}` });
    })().catch((err) => {
      if (!res.headersSent) json(res, 500, { error: String(err) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  const release = (file: string) => {
    released.add(file);
    for (const r of waiting.get(file) ?? []) r();
    waiting.delete(file);
  };
  return {
    url: `http://127.0.0.1:${bound}`,
    requests,
    release,
    async close() {
      for (const file of [...waiting.keys()]) release(file);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The repository files of a local model folder (every file, recursively), e.g. native-models/draft. */
export function repoFilesFrom(folder: string, under = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const local = path.join(folder, entry.name);
    const rel = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, repoFilesFrom(local, rel));
    else out[rel] = local;
  }
  return out;
}
