// Which execution providers this install can offer: cpu and webgpu are bundled with onnxruntime-node;
// cuda only where its binaries were fetched at install time (scripts/fetch-ort-cuda.mjs: Linux x64,
// from nuget.org). Whether CUDA itself works (driver, CUDA 12, cuDNN 9) shows when a session starts:
// a failure then is `provider_failed` naming it. Reads files only; never loads onnxruntime.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Provider } from '@app/models';

const resolveFromHere = createRequire(import.meta.url);

/** The folder of onnxruntime-node's native binaries for this platform, or null when not found. */
export function ortBinaryFolder(): string | null {
  try {
    const root = path.dirname(resolveFromHere.resolve('onnxruntime-node/package.json'));
    return path.join(root, 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    return null;
  }
}

/** True where onnxruntime-node's CUDA provider library is installed. */
export function cudaProviderInstalled(folder = ortBinaryFolder(), platform = `${process.platform}/${process.arch}`): boolean {
  return platform === 'linux/x64' && folder !== null && fs.existsSync(path.join(folder, 'libonnxruntime_providers_cuda.so'));
}

/** The providers to offer (UI, CLI, app.info): cpu, webgpu, and cuda where installed. */
export function availableProviders(cudaInstalled = cudaProviderInstalled()): Provider[] {
  return cudaInstalled ? ['cpu', 'webgpu', 'cuda'] : ['cpu', 'webgpu'];
}
