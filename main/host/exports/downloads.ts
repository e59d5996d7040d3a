// Files the host has written for a browser to download (exports in browser mode): a random one-time
// id per file, resolved by the server's /api/download/:id route, removed from the registry on first
// use (a second request gets 404) and after ten minutes unused. The id is the capability: the URL
// carries no token, so nothing secret lands in browser history.
import crypto from 'node:crypto';

interface Download {
  path: string;
  name: string;
  expires: number;
}

/** How long an unused download id stays valid. */
export const DOWNLOAD_TTL_MS = 10 * 60_000;

export class DownloadRegistry {
  private files = new Map<string, Download>();

  /** Registers a file; returns its one-time id (128 random bits, hex). */
  add(path: string, name: string): string {
    const id = crypto.randomBytes(16).toString('hex');
    const now = Date.now();
    for (const [k, d] of this.files) if (d.expires < now) this.files.delete(k);
    this.files.set(id, { path, name, expires: now + DOWNLOAD_TTL_MS });
    return id;
  }

  /** The file behind an id, removing the id: null when unknown, expired or already taken. */
  take(id: string): Download | null {
    const d = this.files.get(id);
    this.files.delete(id);
    if (!d || d.expires < Date.now()) return null;
    return d;
  }
}
