// Build of the three targets: main-side entries (Electron main, the engine process, browser-mode
// server, CLI) for Node; the preload as CommonJS (sandboxed preloads cannot be ES modules); and the
// React renderer. `npm run build` writes out/main, out/preload and out/renderer.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

/** Path aliases, as in tsconfig.base.json's `paths` (and vitest.config.ts, eslint/layers.js). */
const alias = { '@app': resolve(__dirname, 'app') };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The benchmark's peer (a devDependency) is loaded from node_modules at run time, never bundled.
        external: ['@huggingface/transformers'],
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          engine: resolve(__dirname, 'main/engine/process.ts'),
          serve: resolve(__dirname, 'main/serve.ts'),
          cli: resolve(__dirname, 'main/cli.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    resolve: { alias },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
