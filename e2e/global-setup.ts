// Starts the browser-mode server for the e2e run: `node out/main/serve.js` (built beforehand, not
// here) with a fresh database in a temporary folder, a free port and a random token; waits for the
// URL it prints and publishes it (see server-info.ts). The teardown stops it.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishServerInfo } from './server-info';

const START_TIMEOUT_MS = 90_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  for (const built of ['out/main/serve.js', 'out/renderer/index.html']) {
    if (!fs.existsSync(path.join(root, built))) throw new Error(`${built} is missing: run \`npx electron-vite build\` before the e2e tests`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-e2e-'));
  const port = await freePort();
  // The loopback fake of the Hugging Face hub listens here once a spec starts it (e2e/models-hub.spec.ts).
  const hubPort = await freePort();
  const token = crypto.randomBytes(18).toString('base64url');
  const child = spawn(process.execPath, [path.join(root, 'out/main/serve.js')], {
    cwd: root,
    env: { ...process.env, WORKBENCH_DB: path.join(dir, 'db.sqlite'), WORKBENCH_PORT: String(port), WORKBENCH_TOKEN: token, HF_ENDPOINT: `http://127.0.0.1:${hubPort}`, HF_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so the teardown can stop it and the engine it spawned together.
    detached: true,
  });
  const logPath = path.join(dir, 'serve.log');
  const log = fs.createWriteStream(logPath);
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server printed no URL within ${START_TIMEOUT_MS / 1000} s; log: ${logPath}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}) before it was ready:\n${out}\n${fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8') : ''}`));
    });
  });
  child.removeAllListeners('exit');
  child.unref();
  const origin = new URL(url).origin;
  publishServerInfo({ url, origin, token, pid: child.pid!, dir, hubPort });
}
