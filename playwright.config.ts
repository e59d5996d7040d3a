// End-to-end tests against the real UI in browser mode: Debian's Chromium drives the built app
// served by `node out/main/serve.js` (started by e2e/global-setup.ts on a free port with a fresh
// database; build first with `npx electron-vite build`). One worker: runs share one engine.
import { defineConfig } from '@playwright/test';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  retries: 0,
  workers: 1,
  fullyParallel: false,
  reporter: 'list',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    // Set by the global setup (workers start after it and inherit its environment).
    baseURL: process.env.WORKBENCH_E2E_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
