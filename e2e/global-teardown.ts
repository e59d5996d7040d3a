// Stops the server the global setup started (SIGTERM, then SIGKILL to its process group if it does
// not exit within a few seconds) and removes its temporary database folder.
import fs from 'node:fs';
import { serverInfo } from './server-info';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function globalTeardown(): Promise<void> {
  // Nothing to stop when the setup failed before the server was up.
  if (!process.env.WORKBENCH_E2E_URL) return;
  const { pid, dir } = serverInfo();
  if (pid && alive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        process.kill(pid, 'SIGKILL');
      }
    }
  }
  if (dir && fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });
}
