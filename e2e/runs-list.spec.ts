// The Runs list's columns and whole-set actions: experiment, item, acceptance length and speedup vs
// the experiment's baseline per run; the header checkbox selects every run the filters match (not
// just the loaded rows); "Export filtered" exports them all; a disabled Export says why; at
// 1280x800 the prompt column is reachable by the table's own sideways scroll, and a hidden column
// stays hidden after a reload.
import fs from 'node:fs';
import { expect, test } from './fixtures';

test('Runs list: experiment columns, select the filtered set, export it, 1280x800', async ({ workbench }, testInfo) => {
  test.setTimeout(150_000);
  const { page } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const dataset = await workbench.call('datasets.generate', { name: 'e2e runs list', families: ['arithmetic'], difficulties: [1], countPerCell: 2 });
  const sampling = { maxNewTokens: 12 };
  const experiment = await workbench.call('experiments.create', {
    name: 'e2e list columns',
    datasetId: dataset.id,
    arms: [
      { label: 'AR', config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling }, baseline: true },
      { label: 'SD', config: { method: 'chain_sd', models: { target: { model: 'base' }, draft: { model: 'draft' } }, sampling } },
    ],
  });
  await workbench.call('experiments.start', { id: experiment.id });
  for (;;) {
    const e = await workbench.call('experiments.get', { id: experiment.id });
    if (e.status === 'completed') break;
    expect(['queued', 'running']).toContain(e.status);
    await new Promise((r) => setTimeout(r, 250));
  }
  const results = await workbench.call('experiments.results', { id: experiment.id });
  const sdRun = results.cells.find((c) => c.arm === 'SD' && c.itemId === results.items[1]!.id)!.runId!;

  await workbench.goto('#/runs');
  const disabledExport = page.getByTestId('export-button');
  await expect(disabledExport).toBeDisabled();
  await expect(disabledExport).toHaveAttribute('title', /Select runs to export/);

  // Four runs of the experiment; the SD run of item 2 shows its experiment, item, acceptance and speedup.
  await page.getByTestId('runs-search').fill('');
  const row = page.locator(`[data-run-id="${sdRun}"]`);
  await expect(row.locator('[data-col="experiment"]')).toHaveText('e2e list columns');
  await expect(row.locator('[data-col="item"]')).toHaveText('#2');
  await expect(row.locator('[data-col="acceptance"]')).toHaveText(/^\d+\.\d\d$/);
  await expect(row.locator('[data-col="speedup"]')).toHaveText(/^\d+\.\d\d×$/);

  // The header checkbox takes every match of the filters (the pager's unit test covers sets past the loaded pages).
  const filler = await Promise.all(Array.from({ length: 3 }, (_, i) => workbench.call('runs.start', { prompt: { kind: 'text', text: `list filler ${i}` }, config: { method: 'autoregressive', models: { model: { model: 'draft' } }, sampling: { maxNewTokens: 2 } } })));
  for (const f of filler) await workbench.waitForRun(f.runId);
  await page.getByTestId('runs-search').fill('list filler');
  await expect(page.getByTestId('run-row')).toHaveCount(3);
  await page.getByTestId('select-all').click();
  await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
  await page.getByTestId('select-all').click();
  await expect(page.getByTestId('selection-count')).toHaveCount(0);

  // Export filtered: every match, as CSV, with a name that says what it holds.
  await page.getByTestId('export-filtered').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^runs-3-\d{4}-\d{2}-\d{2}_\d{6}Z\.csv$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(4);

  // At 1280x800 the prompt column is reachable by the list's own sideways scroll.
  const scroller = page.getByTestId('runs-scroll');
  const prompt = page.getByTestId('run-row').first().locator('[data-col="prompt"]');
  const frame = (await scroller.boundingBox())!;
  await page.mouse.move(frame.x + frame.width / 2, frame.y + 60);
  await expect
    .poll(async () => {
      const box = (await prompt.boundingBox())!;
      if (box.x >= frame.x && box.x + 200 <= Math.min(frame.x + frame.width, 1280)) return 'visible';
      await page.mouse.wheel(600, 0);
      return `prompt at ${Math.round(box.x)}`;
    })
    .toBe('visible');

  // A hidden column stays hidden after a reload.
  await page.getByTestId('column-chooser').click();
  await page.getByRole('menuitemcheckbox', { name: 'Models' }).getByRole('checkbox').uncheck();
  await page.keyboard.press('Escape');
  await expect(page.locator('[role="columnheader"]', { hasText: /^Models$/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('runs-scroll')).toBeVisible();
  await expect(page.locator('[role="columnheader"]', { hasText: /^Models$/ })).toHaveCount(0);
});
