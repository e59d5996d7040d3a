// `npm start`: builds the app if needed, then opens the Electron window where the Electron binary is
// installed; otherwise says so in one line and serves the same UI in browser mode on 127.0.0.1,
// printing the URL (with its per-launch token).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function built() {
  return ['out/main/index.js', 'out/main/serve.js', 'out/main/engine.js', 'out/preload/preload.cjs', 'out/renderer/index.html'].every((f) => existsSync(path.join(root, f)));
}

if (!built() || process.argv.includes('--rebuild')) {
  console.log('building the workbench (first start)...');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const rel = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const bin = process.argv.includes('--browser') ? null : electronBinary();
const child = bin
  ? spawn(bin, [root], { cwd: root, stdio: 'inherit' })
  : (console.log('Electron is not installed here (its binary could not be downloaded): serving the same UI in browser mode instead.'),
    spawn(process.execPath, [path.join(root, 'out/main/serve.js')], { cwd: root, stdio: 'inherit' }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
