// The Runs list and the Run view beyond the basics: range selection with shift-click, exporting the
// selection as CSV (downloaded through the tokened /api/download link), deleting with a confirmation,
// keyboard navigation, and a run opened while it is still streaming.
import fs from 'node:fs';
import type { ApiInput } from '../app/api';
import { expect, test } from './fixtures';

function shortRun(text: string): ApiInput<'runs.start'> {
  return { prompt: { kind: 'text', text }, config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { maxNewTokens: 8 } }, tags: ['e2e-runs'] };
}

test('select a range, export it as CSV, delete it', async ({ workbench }, testInfo) => {
  const { page } = workbench;
  const ids: string[] = [];
  for (const text of ['alpha one', 'alpha two', 'alpha three']) {
    const { runId } = await workbench.call('runs.start', shortRun(text));
    ids.push(runId);
  }
  for (const id of ids) await workbench.waitForRun(id);

  await workbench.goto('#/runs');
  await page.getByTestId('runs-search').fill('alpha');
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(3);
  // Newest first: alpha three, two, one.
  await expect(rows.first()).toContainText('alpha three');

  await rows.nth(0).getByRole('checkbox').click();
  await rows.nth(2).getByRole('checkbox').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveText('3 selected');

  await page.getByTestId('export-button').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const csv = fs.readFileSync(file, 'utf8').trim().split('\n');
  expect(csv).toHaveLength(4);
  for (const id of ids) expect(csv.some((line) => line.includes(id))).toBe(true);
  await expect(page.getByTestId('toast').filter({ hasText: 'Exported 3 runs' })).toBeVisible();

  await page.getByTestId('delete-button').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('runs-empty')).toBeVisible();
  await expect(workbench.call('runs.get', { id: ids[0]! })).rejects.toThrow(/not_found/);
});

test('the list is keyboard navigable', async ({ workbench }) => {
  const { page } = workbench;
  const first = await workbench.call('runs.start', shortRun('keyboard first'));
  const second = await workbench.call('runs.start', shortRun('keyboard second'));
  await workbench.waitForRun(first.runId);
  await workbench.waitForRun(second.runId);

  await workbench.goto('#/runs');
  await page.keyboard.press('/');
  await expect(page.getByTestId('runs-search')).toBeFocused();
  await page.keyboard.type('keyboard');
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await page.getByTestId('runs-scroll').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('x');
  await expect(page.getByTestId('selection-count')).toHaveText('1 selected');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/runs/${first.runId}$`));
  await expect(page.getByTestId('run-view')).toBeVisible();
});

test('a run opened while it streams keeps streaming to the end', async ({ workbench }) => {
  const { page } = workbench;
  const { runId } = await workbench.call('runs.start', {
    // The base model at temperature 5 rambles until the context is full (~500 tokens, seconds).
    prompt: { kind: 'raw', text: 'a' },
    config: { method: 'autoregressive', models: { model: { model: 'base' } }, sampling: { temperature: 5, seed: 3, maxNewTokens: 2000 } },
    tags: ['e2e-live'],
  });
  await workbench.goto(`#/runs/${runId}`);
  const view = page.getByTestId('run-view');
  const stream = view.getByTestId('token-stream');
  const counts: number[] = [];
  await expect
    .poll(
      async () => {
        counts.push(Number((await stream.getAttribute('data-count')) ?? 0));
        return view.getAttribute('data-status');
      },
      { intervals: [50], timeout: 60_000 },
    )
    .toBe('completed');
  const record = await workbench.call('runs.get', { id: runId });
  await expect(stream).toHaveAttribute('data-count', String(record.metrics!.newTokens));
  // It grew while the view was open (the view did not just load the finished trace).
  expect(new Set(counts.filter((n) => n > 0 && n < record.metrics!.newTokens)).size).toBeGreaterThanOrEqual(1);
});
