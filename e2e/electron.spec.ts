// The desktop app itself, where the Electron binary is installed: the window opens, the renderer is
// isolated (no Node in the page, window.workbench exposing only request/subscribe), and a prompt
// runs. Machines without the binary (no network at install) skip it: the browser-mode specs drive
// the same UI.
import type { ElectronApplication } from 'playwright-core';
import { _electron } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron binary's path, without require('electron') (which would try to download it). */
function electronBinary(): string | null {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const hasElectron = binary !== null;

test.describe('Electron app', () => {
  test.skip(!hasElectron, 'Electron binary not installed (no network at install): the browser-mode specs cover the same UI');

  let app: ElectronApplication;
  let dir: string;

  test.beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-electron-'));
    app = await _electron.launch({
      executablePath: binary!,
      args: [path.join(root, 'out/main/index.js'), '--no-sandbox'],
      env: { ...process.env, WORKBENCH_DB: path.join(dir, 'db.sqlite') },
    });
  });

  test.afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('opens an isolated window that runs a prompt', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-engine', 'ready', { timeout: 60_000 });

    const isolation = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const bridge = w.workbench as Record<string, unknown> | undefined;
      return {
        require: typeof w.require,
        process: typeof w.process,
        bridgeKeys: bridge ? Object.keys(bridge).sort() : null,
      };
    });
    expect(isolation.require).toBe('undefined');
    expect(isolation.process).toBe('undefined');
    expect(isolation.bridgeKeys).toEqual(['request', 'subscribe']);

    await page.getByTestId('prompt-input').fill('Mia has 12 marbles. She gets 5 more marbles. Then she gives away 3 marbles. How many marbles does Mia have now?');
    await page.getByTestId('run-button').click();
    const output = page.getByTestId('run-output');
    await expect(output).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    await expect(output.getByTestId('token-stream')).toContainText('Answer: 14');
  });
});
