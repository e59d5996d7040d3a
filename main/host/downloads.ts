// Files the host has written for a browser to download (exports in browser mode): a one-time id per
// file, resolved by the server's /api/download/:id route. Ids expire after an hour.
import crypto from 'node:crypto';

interface Download {
  path: string;
  name: string;
  expires: number;
}

export class DownloadRegistry {
  private files = new Map<string, Download>();

  add(path: string, name: string): string {
    const id = crypto.randomBytes(16).toString('hex');
    this.files.set(id, { path, name, expires: Date.now() + 3600_000 });
    return id;
  }

  get(id: string): Download | null {
    const d = this.files.get(id);
    if (!d || d.expires < Date.now()) {
      this.files.delete(id);
      return null;
    }
    return d;
  }
}
