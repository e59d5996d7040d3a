// Experiments end to end in browser mode: generate a synthetic dataset, build an experiment of 5
// items x 3 arms (autoregressive baseline, chain speculative decoding, Token Recycling), watch it run,
// read the matrix and aggregates, open a cell's run in the slide-over and in the Run view, and export
// the experiment as CSV and Parquet, checking the downloaded files' rows in this process.
import fs from 'node:fs';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { csvRecords } from '../main/host/datasets/dataset-import-csv';
import type { Download } from '@playwright/test';
import { expect, test } from './fixtures';

const ITEMS = 5;
const ARMS = 3;

test('an experiment of 5 items x 3 arms runs, compares and exports', async ({ workbench }, testInfo) => {
  test.setTimeout(180_000);
  const { page } = workbench;
  await workbench.goto('#/datasets');

  // A synthetic dataset from the built-in suite: arithmetic at difficulty 1, 5 items.
  await page.getByRole('button', { name: 'Generate synthetic…' }).click();
  const generate = page.getByRole('form', { name: 'Generate a synthetic dataset' });
  await generate.getByLabel('Name').fill('e2e arithmetic');
  await generate.getByLabel('Items per family and difficulty').fill(String(ITEMS));
  for (const family of ['variables', 'swaps']) await generate.getByRole('button', { name: `Remove Families ${family}` }).click();
  for (const d of [2, 3, 4]) await generate.getByRole('button', { name: `Remove Difficulties difficulty ${d}` }).click();
  await expect(generate.getByText(`${ITEMS} items in all.`)).toBeVisible();
  await generate.getByRole('button', { name: 'Generate', exact: true }).click();
  const datasetRow = page.getByRole('table', { name: 'Datasets' }).getByRole('row', { name: /e2e arithmetic/ });
  await expect(datasetRow).toContainText(String(ITEMS));
  await expect(page.getByText('Items 1–5 of 5')).toBeVisible();

  // The experiment: the builder starts with AR (baseline) and chain SD; a third arm is Token Recycling.
  await page.getByRole('button', { name: 'New experiment on it' }).click();
  const builder = page.getByRole('form', { name: 'New experiment' });
  await builder.getByLabel('Name', { exact: true }).fill('e2e compare');
  await builder.getByLabel('Max new tokens (all arms)').fill('64');
  await expect(builder.getByTestId('arm-1').getByLabel('Method')).toHaveValue('chain_sd');
  await builder.getByRole('button', { name: '+ Add arm' }).click();
  const third = builder.getByTestId('arm-2');
  await third.getByLabel('Method').selectOption('token_recycling');
  await expect(third.getByLabel('Label')).toHaveValue('token_recycling base');
  await expect(builder.getByText(`${ITEMS * ARMS} runs: ${ITEMS} items × ${ARMS} arms × 1 sample`)).toBeVisible();
  const started = Date.now();
  await builder.getByRole('button', { name: 'Create and run' }).click();

  // Progress to the end.
  const progress = page.getByRole('progressbar', { name: 'Experiment progress' });
  await expect(progress).toHaveAttribute('aria-valuemax', String(ITEMS * ARMS));
  await expect(progress).toHaveAttribute('aria-valuenow', String(ITEMS * ARMS), { timeout: 150_000 });
  await expect(page.locator('.cmp-detail [data-status]').first()).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('progress-text')).toHaveText(`${ITEMS * ARMS} / ${ITEMS * ARMS}`);
  testInfo.annotations.push({ type: 'experiment wall time', description: `${((Date.now() - started) / 1000).toFixed(1)} s for ${ITEMS * ARMS} runs` });

  // Aggregates: one row per arm, the baseline marked, speedups against it.
  const aggregates = page.getByRole('table', { name: 'Aggregates per arm' });
  await expect(aggregates.locator('tbody tr')).toHaveCount(ARMS);
  await expect(aggregates.locator('tr[data-arm="AR base"]')).toContainText('baseline');
  await expect(aggregates.locator('tr[data-arm="AR base"]')).toContainText('1.00x');
  await expect(aggregates.locator('tr[data-arm="chain_sd base/draft"] .cmp-delta[data-metric="latency"]')).toBeVisible();

  // The matrix: 5 items x 3 arms, every cell graded.
  const matrix = page.getByRole('table', { name: 'Results matrix' });
  await expect(matrix.locator('[data-item]')).toHaveCount(ITEMS);
  await expect(matrix.locator('[data-item] button[data-arm]')).toHaveCount(ITEMS * ARMS);
  await expect(matrix.locator('[data-item] button[data-correct="null"]')).toHaveCount(0);

  // A cell's slide-over, then its trace in the Run view.
  await matrix.locator('[data-item]').first().locator('button[data-arm="chain_sd base/draft"]').click();
  const slideOver = page.getByRole('dialog', { name: 'Run of chain_sd base/draft' });
  await expect(slideOver.getByText('Mean acceptance length')).toBeVisible();
  await expect(slideOver.locator('.cmp-output')).not.toBeEmpty();
  const traceLink = slideOver.getByRole('link', { name: 'Open trace ›' });
  const runId = decodeURIComponent((await traceLink.getAttribute('href'))!.replace('#/runs/', ''));
  await traceLink.click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${runId}$`));
  await expect(page.getByText(runId).first()).toBeVisible();
  await page.goBack();

  // The experiment list shows it finished.
  await page.getByRole('button', { name: 'Back to experiments' }).click();
  const listed = page.getByRole('table', { name: 'Experiments' }).getByRole('row', { name: /e2e compare/ });
  await expect(listed.locator('[data-status]')).toHaveAttribute('data-status', 'completed');
  await expect(listed.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(ITEMS * ARMS));
  await listed.getByRole('link', { name: 'e2e compare' }).click();

  // Exports of the whole experiment: CSV (a header and one row per run) and Parquet (three tables).
  await expect(aggregates).toBeVisible();
  /** Exports the experiment in `format` and downloads the files whose names match, in order. */
  // The same export menu as the Runs page: a format, then the files download (no links to click again).
  const exportAs = async (format: 'csv' | 'parquet', fileCount: number, files: RegExp[]) => {
    const downloads: Download[] = [];
    const onDownload = (d: Download) => downloads.push(d);
    page.on('download', onDownload);
    await page.getByTestId('export-experiment').click();
    await page.getByTestId(`export-${format}`).click();
    await expect.poll(() => downloads.length).toBe(fileCount);
    page.off('download', onDownload);
    const paths: string[] = [];
    for (const name of files) {
      const download = downloads.find((d) => name.test(d.suggestedFilename()))!;
      // Names say what the file holds: the experiment and a date, not an epoch number.
      expect(download.suggestedFilename()).toMatch(/^experiment-.+-\d{4}-\d{2}-\d{2}_\d{6}Z\./);
      paths.push(testInfo.outputPath(download.suggestedFilename()));
      await download.saveAs(paths.at(-1)!);
    }
    return paths;
  };
  const [csvPath] = await exportAs('csv', 1, [/\.csv$/]);
  const records = [...csvRecords(fs.readFileSync(csvPath!, 'utf8'))];
  expect(records.filter((r) => 'error' in r)).toEqual([]);
  const rows = records.flatMap((r) => ('fields' in r ? [r.fields] : []));
  expect(rows).toHaveLength(ITEMS * ARMS);
  expect(new Set(rows.map((r) => r.configLabel))).toEqual(new Set(['AR base', 'chain_sd base/draft', 'token_recycling base']));
  expect(rows.every((r) => r.status === 'completed' && r.experimentId !== '')).toBe(true);
  const tokensWritten = rows.reduce((sum, r) => sum + Number(r['metrics.newTokens']), 0);

  const [runsPath, tokensPath] = await exportAs('parquet', 3, [/\.runs\.parquet$/, /\.tokens\.parquet$/]);
  const runsFile = await asyncBufferFromFile(runsPath!);
  expect(Number((await parquetMetadataAsync(runsFile)).num_rows)).toBe(ITEMS * ARMS);
  const runRows = await parquetReadObjects({ file: runsFile, columns: ['id', 'configLabel'] });
  expect(new Set(runRows.map((r) => r.id))).toEqual(new Set(rows.map((r) => r.id)));
  // One token row per generated token of every run.
  expect(Number((await parquetMetadataAsync(await asyncBufferFromFile(tokensPath!))).num_rows)).toBe(tokensWritten);
});
