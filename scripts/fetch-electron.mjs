// Postinstall: fetch the Electron binary where the network allows; where it does not, say so in one
// line and succeed, because the workbench also runs without Electron (browser mode, `npm run serve`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let installScript;
try {
  installScript = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  process.exit(0); // production install without devDependencies: nothing to fetch
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || !existsSync(installScript)) process.exit(0);
const result = spawnSync(process.execPath, [installScript], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
if (result.status === 0) {
  console.log('electron: binary ready');
} else {
  console.log('electron: binary not downloaded (no network to its host); `npm start` will serve the UI in browser mode instead');
}
