// The run comparison: two runs picked in the Runs list open side by side (metrics in one table,
// token streams with their differences highlighted, method panels in columns), and one experiment
// item opens across all its arms from the results matrix. At 1280x800 the key columns of the wide
// tables (the matrix's last arm, the compare table's last run) are on screen or reachable by the
// table's own sideways scroll.
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Whether `cell` is inside the viewport and its table's box, after the user wheels sideways over the
 * table (as a trackpad or Shift+wheel does; a box that clips instead of scrolling does not move).
 */
async function reachableByOwnScroll(page: Page, scroller: Locator, cell: Locator): Promise<void> {
  await scroller.scrollIntoViewIfNeeded();
  const frame = (await scroller.boundingBox())!;
  const right = Math.min(frame.x + frame.width, page.viewportSize()!.width) + 1;
  await page.mouse.move(frame.x + frame.width / 2, frame.y + Math.min(frame.height / 2, 40));
  await expect
    .poll(
      async () => {
        const box = await cell.boundingBox();
        if (box && box.x >= frame.x - 1 && box.x + box.width <= right) return 'visible';
        await page.mouse.wheel(600, 0);
        return box ? `at ${Math.round(box.x)}..${Math.round(box.x + box.width)}, box ends at ${Math.round(right)}` : 'not rendered';
      },
      { timeout: 10_000 },
    )
    .toBe('visible');
}

test('two runs from the Runs list compare side by side with their differences marked', async ({ workbench }) => {
  const { page } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const prompt = { kind: 'text' as const, text: 'compare me: 2 + 3 =' };
  const greedy = await workbench.call('runs.start', { prompt, config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { maxNewTokens: 24 } }, tags: ['e2e-compare'] });
  const hot = await workbench.call('runs.start', {
    prompt,
    config: { method: 'chain_sd', models: { target: { model: 'base' }, draft: { model: 'draft' } }, sampling: { maxNewTokens: 24, temperature: 3, seed: 11 } },
    tags: ['e2e-compare'],
  });
  await workbench.waitForRun(greedy.runId);
  await workbench.waitForRun(hot.runId);

  await workbench.goto('#/runs');
  await page.getByTestId('runs-search').fill('compare me');
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(2);
  const compare = page.getByTestId('compare-button');
  await expect(compare).toBeDisabled();
  await rows.nth(0).getByRole('checkbox').click();
  await rows.nth(1).getByRole('checkbox').click();
  await expect(compare).toBeEnabled();
  await compare.click();

  const view = page.getByTestId('run-compare');
  await expect(view.getByRole('heading', { name: 'Compare 2 runs' })).toBeVisible();
  const streams = view.getByTestId('compare-stream');
  await expect(streams).toHaveCount(2);
  // Greedy vs temperature 3 part somewhere: some tokens are marked and the divergence is named.
  await expect(view.locator('.rc-tok.is-diff').first()).toBeVisible();
  await expect(view.getByTestId('first-divergence').first()).toContainText('parts at token');

  // Metrics: one column per run, the chain run's acceptance length beside the autoregressive dash.
  const table = view.getByTestId('compare-metrics');
  await expect(table.locator('thead th')).toHaveCount(3);
  const acceptance = table.locator('tr[data-metric="meanAcceptanceLength"] td');
  await expect(acceptance).toHaveCount(2);
  expect((await acceptance.allTextContents()).filter((t) => t === '–')).toHaveLength(1);
  await reachableByOwnScroll(page, view.getByTestId('wide-table-scroll').first(), table.locator('thead th').last());

  // The chain run's draft panels sit in their own column.
  await expect(view.getByTestId('compare-panels')).toHaveCount(2);
  await expect(view.getByTestId('compare-panels').locator('[data-method="chain_sd"]')).toBeVisible();
});

test('an experiment item opens across all its arms; the matrix keeps its last arm reachable at 1280x800', async ({ workbench }) => {
  test.setTimeout(150_000);
  const { page } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const dataset = await workbench.call('datasets.generate', { name: 'e2e compare arms', families: ['arithmetic'], difficulties: [1], countPerCell: 2 });
  const sampling = { maxNewTokens: 16 };
  const arms = [
    { label: 'AR base', config: { method: 'autoregressive' as const, models: { model: { model: 'base' } }, sampling }, baseline: true },
    { label: 'chain_sd', config: { method: 'chain_sd' as const, models: { target: { model: 'base' }, draft: { model: 'draft' } }, sampling } },
    { label: 'AR draft', config: { method: 'autoregressive' as const, models: { model: { model: 'draft' } }, sampling } },
    { label: 'chain_sd g2', config: { method: 'chain_sd' as const, models: { target: { model: 'base' }, draft: { model: 'draft' } }, params: { gamma: 2 }, sampling } },
    { label: 'chain_sd g6', config: { method: 'chain_sd' as const, models: { target: { model: 'base' }, draft: { model: 'draft' } }, params: { gamma: 6 }, sampling } },
    { label: 'the last arm', config: { method: 'autoregressive' as const, models: { model: { model: 'base' } }, sampling: { ...sampling, temperature: 1 } } },
  ];
  const experiment = await workbench.call('experiments.create', { name: 'e2e arms side by side', datasetId: dataset.id, arms });
  await workbench.call('experiments.start', { id: experiment.id });
  await workbench.goto(`#/compare/${experiment.id}`);
  const progress = page.getByRole('progressbar', { name: 'Experiment progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', String(2 * arms.length), { timeout: 120_000 });

  const matrix = page.getByTestId('results-matrix');
  await reachableByOwnScroll(page, matrix, matrix.locator('[role="columnheader"][data-arm="the last arm"]'));
  // The question column stays put while the arms scroll.
  const question = matrix.locator('[role="row"][data-item] .cmp-matrix-question').first();
  const q = await question.boundingBox();
  const m = await matrix.boundingBox();
  expect(q!.x).toBeGreaterThanOrEqual(m!.x);
  expect(q!.x).toBeLessThan(m!.x + 200);

  await matrix.getByTestId('compare-item').first().click();
  const view = page.getByTestId('run-compare');
  await expect(view.getByRole('heading', { name: `Compare ${arms.length} runs` })).toBeVisible();
  await expect(view.getByTestId('compare-stream')).toHaveCount(arms.length);
  await expect(view.getByTestId('compare-metrics').locator('tr[data-metric="correct"] td')).toHaveCount(arms.length);
  await view.getByRole('link', { name: 'e2e arms side by side' }).click();
  await expect(page).toHaveURL(new RegExp(`#/compare/${experiment.id}$`));

  // Every chart saves as PNG and SVG and copies its data.
  await page.getByRole('tab', { name: 'Charts' }).click();
  const figure = page.locator('.cmp-figure').first();
  await figure.hover();
  const [png] = await Promise.all([page.waitForEvent('download'), figure.getByTestId('chart-png').click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const [svg] = await Promise.all([page.waitForEvent('download'), figure.getByTestId('chart-svg').click()]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const svgPath = test.info().outputPath(svg.suggestedFilename());
  await svg.saveAs(svgPath);
  const svgText = fs.readFileSync(svgPath, 'utf8');
  expect(svgText).toMatch(/^<svg/);
  expect(svgText).toContain('mean latency (ms)');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await figure.getByTestId('chart-copy').click();
  await expect(figure.getByTestId('chart-copy')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split('\n')[0]).toBe('series\tx\ty\tvalue');
  expect(copied).toContain('the last arm');
});
