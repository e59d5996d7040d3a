// Postinstall: fetch onnxruntime-node's CUDA execution provider where the network allows (Linux x64,
// the only platform whose CUDA binaries onnxruntime-node downloads, from nuget.org); where it does not,
// say so in one line and succeed: the workbench runs on the CPU (and WebGPU) without it. .npmrc skips
// the package's own postinstall, which would fail the whole install when nuget.org is unreachable; this
// runs that same script (node_modules/onnxruntime-node/script/install.js) with the cuda12 flag, and a
// `cuda` provider appears in the workbench only where the binaries are in place.
// Opt out: WORKBENCH_SKIP_CUDA=1 or ONNXRUNTIME_NODE_INSTALL=skip in the environment.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
if (process.platform !== 'linux' || process.arch !== 'x64') process.exit(0); // no CUDA binaries for this platform
if (process.env.WORKBENCH_SKIP_CUDA === '1' || process.env.ONNXRUNTIME_NODE_INSTALL === 'skip') process.exit(0);
let root;
try {
  root = path.dirname(require.resolve('onnxruntime-node/package.json'));
} catch {
  process.exit(0);
}
const installScript = path.join(root, 'script', 'install.js');
const provider = path.join(root, 'bin', 'napi-v6', 'linux', 'x64', 'libonnxruntime_providers_cuda.so');
if (existsSync(provider)) {
  console.log('onnxruntime-node: CUDA provider present');
  process.exit(0);
}
if (!existsSync(installScript)) process.exit(0);
// ONNXRUNTIME_NODE_INSTALL wins over the npm_config_onnxruntime_node_install=skip that .npmrc sets.
const result = spawnSync(process.execPath, [installScript], {
  cwd: root,
  env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'cuda12' },
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: 600_000,
});
if (result.status === 0 && existsSync(provider)) {
  console.log('onnxruntime-node: CUDA provider ready (the `cuda` provider needs CUDA 12 and cuDNN 9 on this machine)');
} else {
  console.log('onnxruntime-node: CUDA provider not downloaded (no network to nuget.org); cpu and webgpu are available');
}
