import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Path aliases, as in tsconfig.base.json's `paths` (and electron.vite.config.ts, eslint/layers.js).
  resolve: { alias: { '@app': resolve(import.meta.dirname, 'app') } },
  test: {
    include: ['{app,main,renderer,native-models,scripts,eslint}/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Model-backed tests load real ONNX sessions; two cores are shared by all workers.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
