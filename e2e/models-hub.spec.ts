// The Models page against a loopback fake of the Hugging Face hub (the serve process's HF_ENDPOINT
// points at the port the global setup reserved; this spec starts the fake there): list a repository's
// dtype variants, download one with a live progress bar held mid-file, see it registered; and adding a
// copy of an embedded model's folder is refused as a duplicate.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeHub } from '../main/host/models/hub/fake-hub-server';
import { repoFilesFrom, startFakeHub } from '../main/host/models/hub/fake-hub-server';
import { expect, test } from './fixtures';
import { serverInfo } from './server-info';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const llama = path.join(root, 'native-models/tools/fixtures/real/llama3.2');
const HELD_FILE = 'onnx/model.onnx_data';
let hub: FakeHub;

test.beforeAll(async () => {
  hub = await startFakeHub({ 'onnx-community/tiny-llama-e2e': { files: repoFilesFrom(llama), holdAt: { [HELD_FILE]: 200_000 } } }, serverInfo().hubPort);
});
test.afterAll(async () => hub?.close());

test('pulls a model from the hub with a progress bar, and it appears on the Models page', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.goto('#/models');
  const cards = page.getByTestId('model-card');
  const before = await cards.count();

  await page.getByTestId('hub-repo').fill('onnx-community/tiny-llama-e2e');
  await page.getByTestId('hub-list').click();
  const variants = page.getByTestId('hub-variant');
  await expect(variants).toHaveCount(4);
  await expect(variants.first()).toHaveAttribute('data-dtype', 'fp32');
  await expect(page.getByRole('radio', { name: 'Variant fp32' })).toBeChecked();
  await page.getByTestId('hub-pull').click();

  // The server holds the external data at 200 KB: the bar stands part-way with the file named.
  const row = page.locator('[data-testid="pull-row"][data-repo="onnx-community/tiny-llama-e2e"]');
  await expect(row).toHaveAttribute('data-state', 'downloading');
  await expect(row.getByTestId('pull-meta')).toContainText(HELD_FILE);
  const bar = row.getByRole('progressbar');
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(10);
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(100);
  await expect(row.getByRole('button', { name: /Cancel pulling/ })).toBeVisible();

  hub.release(HELD_FILE);
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(row.getByTestId('pull-message')).toContainText('added ');
  await expect(cards).toHaveCount(before + 1);
  const card = page.locator('[data-testid="model-card"][data-model-id^="onnx-community--tiny-llama-e2e--fp32"]');
  await expect(card).toBeVisible();

  // LM Studio's card: dtype, loaded (registration loaded it) with unload / load, methods and why not.
  await expect(card.getByTestId('model-dtype')).toContainText('fp32');
  await expect(card.getByTestId('model-loaded')).toHaveAttribute('data-loaded', 'yes');
  await card.getByRole('button', { name: /^Unload/ }).click();
  await expect(card.getByTestId('model-loaded')).toHaveAttribute('data-loaded', 'no');
  await card.getByRole('button', { name: /^Load/ }).click();
  await expect(card.getByTestId('model-loaded')).toHaveAttribute('data-loaded', 'yes');
  await expect(card.getByTestId('model-loaded')).toContainText(/loaded · [\d.]+ (B|KB|MB)/);
  await expect(card.locator('[data-method="rice"]')).toHaveAttribute('data-ok', 'no');
  await expect(card.locator('[data-method="rice"]')).toContainText('router');
  await expect(card.locator('[data-method="autoregressive"]')).toHaveAttribute('data-ok', 'yes');
});

test('adding a copy of a registered model folder is refused as a duplicate', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.goto('#/models');
  const cards = page.getByTestId('model-card');
  await expect(cards.first()).toBeVisible();
  const before = await cards.count();
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-e2e-draft-copy-'));
  fs.cpSync(path.join(root, 'native-models/draft'), copy, { recursive: true });
  await page.getByTestId('add-model-path').fill(copy);
  await page.getByTestId('add-model-button').click();
  const error = page.locator('#add-model-path-error');
  await expect(error).toContainText('Already registered as “draft”');
  await expect(error).toContainText('it was not added again (model_duplicate)');
  await expect(cards).toHaveCount(before);
  await page.getByTestId('show-duplicate').click();
  await expect(page.locator('[data-testid="model-card"][data-model-id="draft"]')).toBeInViewport();
  fs.rmSync(copy, { recursive: true, force: true });
});

test('a folder with dtype variants offers the choice on its card, and switching loads the other variant', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.goto('#/models');
  const folder = path.join(root, 'native-models/tools/fixtures/real/qwen3');
  await page.getByTestId('add-model-path').fill(folder);
  await page.getByTestId('add-model-button').click();
  const card = page.locator('[data-testid="model-card"][data-model-id^="qwen3"]');
  await expect(card).toBeVisible({ timeout: 60_000 });
  const dtype = card.getByTestId('model-dtype');
  await expect(dtype.locator('option')).toHaveCount(4);
  await expect(dtype).toHaveValue('fp32');
  await dtype.selectOption('q4');
  await expect(dtype).toHaveValue('q4');
  await expect(card.getByTestId('model-loaded')).toHaveAttribute('data-loaded', 'yes');
  const models = await workbench.call('models.list', {});
  expect(models.find((m) => m.path === folder)).toMatchObject({ dtype: 'q4', dtypeChosen: true });
});
