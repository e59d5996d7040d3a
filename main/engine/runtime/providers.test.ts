// The cuda provider is offered only where its library is installed (and only on Linux x64).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { availableProviders, cudaProviderInstalled } from './providers';

describe('providers', () => {
  it('offers cuda only where libonnxruntime_providers_cuda.so is in the binaries folder on Linux x64', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-ort-bin-'));
    expect(cudaProviderInstalled(folder, 'linux/x64')).toBe(false);
    fs.writeFileSync(path.join(folder, 'libonnxruntime_providers_cuda.so'), '');
    expect(cudaProviderInstalled(folder, 'linux/x64')).toBe(true);
    expect(cudaProviderInstalled(folder, 'darwin/arm64')).toBe(false);
    expect(availableProviders(false)).toEqual(['cpu', 'webgpu']);
    expect(availableProviders(true)).toEqual(['cpu', 'webgpu', 'cuda']);
  });
});
