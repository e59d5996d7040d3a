// One file from the hub to disk, resumable: the partial file is kept, and after a broken connection
// (or in a later pull) the download continues from its length with an HTTP Range request. The content
// is hashed as it arrives (the kept prefix first), so the sha256 of an LFS file, or the git blob id of
// a small one, is checked without reading the file twice.
//
// Why not @huggingface/hub's downloadFile: it returns a Blob whose slices do send Range headers, but
// it accepts a 200 answer to a Range request (a server or proxy that ignores Range would then have the
// whole file appended to the kept prefix), it takes no AbortSignal for cancelling, and it gives no
// byte progress. The URL layout (`/{repo}/resolve/{sha}/{path}`) and the token header are the same as
// its fileDownloadInfo uses.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '@app/errors';
import type { HubFile } from '@app/hub';
import type { HubAccess } from './hub-access';
import { isTransient } from './hub-access';

export interface RangeDownloadOptions {
  access: HubAccess;
  url: string;
  file: HubFile;
  /** Where the bytes go; the file is kept between attempts (its length is where a resume starts). */
  dest: string;
  signal: AbortSignal;
  /** Called with the bytes on disk after every chunk. */
  onBytes: (done: number) => void;
  /** Called when a broken connection is resumed. */
  onResume?: (from: number, reason: string) => void;
  /** Attempts in a row that bring no new bytes before giving up (default 5). */
  maxStalledAttempts?: number;
  /** First pause before a retry; doubles per stalled attempt (default 500 ms). */
  retryDelayMs?: number;
}

/** An incremental hash of what the file must match: sha256 for LFS files, git's blob sha1 otherwise. */
function contentHash(file: HubFile): { hash: crypto.Hash; expected: string; kind: string } | null {
  if (file.sha256) return { hash: crypto.createHash('sha256'), expected: file.sha256.toLowerCase(), kind: 'sha256' };
  if (file.gitOid) {
    const hash = crypto.createHash('sha1');
    hash.update(`blob ${file.bytes}\0`);
    return { hash, expected: file.gitOid.toLowerCase(), kind: 'git blob id' };
  }
  return null;
}

async function hashPrefix(hash: crypto.Hash, dest: string, length: number): Promise<void> {
  if (length === 0) return;
  for await (const chunk of fs.createReadStream(dest, { start: 0, end: length - 1 })) hash.update(chunk as Buffer);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}

function cancelled(): WorkbenchError {
  return new WorkbenchError('cancelled', 'download cancelled');
}

/**
 * Downloads (or finishes) one file and verifies it; resolves when `dest` holds exactly the file.
 * Throws `model_corrupt` on a checksum or size mismatch (and deletes the bad bytes), `cancelled` when
 * the signal fires (keeping the partial file), and the last network error after repeated stalls.
 */
export async function downloadWithResume(o: RangeDownloadOptions): Promise<void> {
  const maxStalled = o.maxStalledAttempts ?? 5;
  const check = contentHash(o.file);
  fs.mkdirSync(path.dirname(o.dest), { recursive: true });
  let have = fs.existsSync(o.dest) ? fs.statSync(o.dest).size : 0;
  if (have > o.file.bytes) {
    fs.truncateSync(o.dest, 0);
    have = 0;
  }
  if (check) await hashPrefix(check.hash, o.dest, have);
  o.onBytes(have);
  let stalled = 0;
  while (have < o.file.bytes) {
    if (o.signal.aborted) throw cancelled();
    const before = have;
    try {
      have = await fetchFrom(o, have, check?.hash ?? null);
    } catch (err) {
      if (o.signal.aborted) throw cancelled();
      if (!isTransient(err)) throw err;
      // What reached the disk before the break (the hash has seen exactly these bytes).
      have = fs.statSync(o.dest).size;
      stalled = have > before ? 0 : stalled + 1;
      if (stalled >= maxStalled) throw err;
      o.onResume?.(have, err instanceof Error ? err.message : String(err));
      await sleep((o.retryDelayMs ?? 500) * 2 ** Math.max(0, stalled - 1), o.signal);
      continue;
    }
  }
  if (fs.statSync(o.dest).size !== o.file.bytes) {
    fs.rmSync(o.dest, { force: true });
    throw new WorkbenchError('model_corrupt', `${o.file.path}: the hub sent more bytes than the ${o.file.bytes} it listed`, { file: o.file.path });
  }
  if (check) {
    const got = check.hash.digest('hex');
    if (got !== check.expected) {
      fs.rmSync(o.dest, { force: true });
      throw new WorkbenchError('model_corrupt', `${o.file.path}: checksum mismatch (${check.kind} expected ${check.expected.slice(0, 16)}…, got ${got.slice(0, 16)}…); the file was discarded`, {
        file: o.file.path,
        expected: check.expected,
        got,
      });
    }
  }
}

/** One request from byte `from`; appends what arrives and returns the new length (throws when the stream breaks). */
async function fetchFrom(o: RangeDownloadOptions, from: number, hash: crypto.Hash | null): Promise<number> {
  const headers: Record<string, string> = {};
  if (o.access.token) headers.Authorization = `Bearer ${o.access.token}`;
  if (from > 0) headers.Range = `bytes=${from}-`;
  const res = await fetch(o.url, { headers, signal: o.signal, redirect: 'follow' });
  if (from > 0 && res.status === 200) {
    // The server ignored Range: start over rather than append the whole file to the prefix.
    await res.body?.cancel();
    throw new WorkbenchError('unavailable', `${o.url} does not honour HTTP Range requests; cannot resume ${o.file.path}`);
  }
  if (res.status === 416 && from === o.file.bytes) return from;
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    const err = new Error(`HTTP ${res.status} for ${o.file.path}`) as Error & { status: number };
    err.status = res.status;
    throw err;
  }
  if (from > 0) {
    const start = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '')?.[1];
    if (Number(start) !== from) {
      await res.body?.cancel();
      throw new WorkbenchError('unavailable', `${o.file.path}: asked for bytes from ${from}, the server answered ${res.headers.get('content-range') ?? 'without Content-Range'}`);
    }
  }
  if (!res.body) return from;
  const fd = fs.openSync(o.dest, from > 0 ? 'a' : 'w');
  let have = from;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (have + chunk.byteLength > o.file.bytes) throw new WorkbenchError('model_corrupt', `${o.file.path}: the hub sent more bytes than the ${o.file.bytes} it listed`);
      fs.writeSync(fd, chunk);
      hash?.update(chunk);
      have += chunk.byteLength;
      o.onBytes(have);
    }
  } finally {
    fs.closeSync(fd);
  }
  return have;
}
