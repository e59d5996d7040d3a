// The foundation end to end in browser mode: a prompt runs on the embedded `base` model and its
// tokens stream in (pushed over the event socket before the run ends) up to the final answer; a long run is cancelled
// mid-way and keeps the tokens it produced; after a reload the runs are listed with their stats and
// a run opens with its trace; and bad input is reported in the UI without losing anything.
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const MARBLES = 'Mia has 12 marbles. She gets 5 more marbles. Then she gives away 3 marbles. How many marbles does Mia have now?';

/** Samples (status, token count) of the Playground output every few milliseconds, in the page. */
async function startSampling(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __samples: [string, number][] };
    w.__samples = [];
    const tick = () => {
      const out = document.querySelector<HTMLElement>('[data-testid="run-output"]');
      const stream = out?.querySelector<HTMLElement>('[data-testid="token-stream"]');
      if (out) w.__samples.push([out.dataset.status ?? '', Number(stream?.dataset.count ?? 0)]);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function samples(page: Page): Promise<[string, number][]> {
  return page.evaluate(() => (window as unknown as { __samples: [string, number][] }).__samples);
}

async function setSampling(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await expect(field).toHaveValue(value);
}

test('a prompt on the base model streams tokens up to the final answer', async ({ workbench }) => {
  const { page } = workbench;
  // What the event socket delivers, in order: independent of how fast the run is or how often the UI paints.
  const frames: { event: string; payload: { events?: { kind: string }[] } }[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(JSON.parse(String(f.payload)))));
  await openApp(page);
  await page.getByTestId('method-select').selectOption('autoregressive');
  await page.getByTestId('model-model').selectOption('base');
  await page.getByTestId('prompt-input').fill(MARBLES);
  await startSampling(page);
  await page.getByTestId('run-button').click();

  const output = page.getByTestId('run-output');
  await expect(output).toHaveAttribute('data-status', 'completed');
  await expect(output.getByTestId('token-stream')).toContainText('Answer: 14');

  const seen = await samples(page);
  const final = Number(await output.getByTestId('token-stream').getAttribute('data-count'));
  expect(final).toBeGreaterThan(10);
  // Streamed: every token reached the page in run.events pushed before run.finished (none only in the final record).
  const finishedAt = frames.findIndex((f) => f.event === 'run.finished');
  expect(finishedAt).toBeGreaterThan(0);
  const streamed = frames.slice(0, finishedAt).filter((f) => f.event === 'run.events').flatMap((f) => f.payload.events ?? []).filter((e) => e.kind === 'token');
  expect(streamed.length).toBe(final);
  // The count shown never went backwards.
  expect(seen.every(([, n], i) => i === 0 || n >= seen[i - 1]![1])).toBe(true);

  // Final stats from the engine.
  await expect(page.getByTestId('stat-tokens')).toHaveText(String(final));
  await expect(page.getByTestId('stat-ttft')).toHaveText(/\d+(\.\d+)? (ms|s)/);
  await expect(page.getByTestId('stat-decode')).toHaveText(/\d+(\.\d+)? tok\/s/);
  await expect(output.getByTestId('stats-cards')).toContainText('Decode');
});

test('a long run is cancelled mid-way and keeps the tokens it produced', async ({ workbench }) => {
  const { page } = workbench;
  // Past its end-of-turn token the base model keeps going until the context is full (~500 tokens).
  await page.getByTestId('method-select').selectOption('autoregressive');
  await page.getByTestId('model-model').selectOption('base');
  await page.getByTestId('prompt-input').fill(MARBLES);
  await setSampling(page, 'Max new tokens', '2000');
  await page.getByLabel('Ignore end of turn', { exact: true }).check();
  await page.getByTestId('run-button').click();

  const output = page.getByTestId('run-output');
  const stream = output.getByTestId('token-stream');
  await expect.poll(async () => Number(await stream.getAttribute('data-count')), { intervals: [10] }).toBeGreaterThanOrEqual(20);
  await page.keyboard.press('Escape');
  await expect(output).toHaveAttribute('data-status', 'cancelled');

  const kept = Number(await stream.getAttribute('data-count'));
  expect(kept).toBeGreaterThanOrEqual(20);
  // Stopped well before the context (512 tokens) was used up.
  expect(kept).toBeLessThan(480);
  const runId = (await output.getAttribute('data-run-id'))!;
  const record = await workbench.call('runs.get', { id: runId });
  expect(record.status).toBe('cancelled');
  expect(record.metrics?.newTokens).toBe(kept);
  const trace = await workbench.call('runs.trace', { id: runId, kinds: ['token'] });
  expect(trace.events).toHaveLength(kept);
});

test('after a reload the runs are listed with their stats and a run opens with its trace', async ({ workbench }) => {
  const { page } = workbench;
  await page.getByTestId('prompt-input').fill(MARBLES);
  await page.getByTestId('model-model').selectOption('base');
  await page.keyboard.press('Control+Enter');
  const output = page.getByTestId('run-output');
  await expect(output).toHaveAttribute('data-status', 'completed');
  const runId = (await output.getAttribute('data-run-id'))!;
  const tokens = await output.getByTestId('token-stream').getAttribute('data-count');

  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-engine', 'ready');
  // The Playground still shows the run after the reload (read back from the store).
  await expect(page.getByTestId('run-output')).toHaveAttribute('data-run-id', runId);

  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await expect(page).toHaveURL(/#\/runs$/);
  const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('completed');
  await expect(row.locator('[data-col="tokens"]')).toHaveText(tokens!);
  await expect(row.locator('[data-col="ttft"]')).toHaveText(/\d+(\.\d+)? (ms|s)/);
  await expect(row.locator('[data-col="decode"]')).toHaveText(/^\d+(\.\d+)?$/);

  // Search narrows the list to this run's prompt.
  await page.getByTestId('runs-search').fill('marbles');
  await expect(row).toBeVisible();

  await row.click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${runId}$`));
  const view = page.getByTestId('run-view');
  await expect(view).toHaveAttribute('data-status', 'completed');
  await expect(view.getByTestId('token-stream')).toHaveAttribute('data-count', tokens!);
  await expect(view.getByTestId('token-stream')).toContainText('Answer: 14');
  await expect(view.getByTestId('stats-cards').locator('[data-metric="ttftMs"]')).toContainText(/ms|s/);

  // Hovering a token shows its probability and alternatives.
  await view.locator('[data-i="1"]').hover();
  await expect(page.getByRole('tooltip')).toContainText('probability');

  await page.mouse.move(0, 0);

  // The keyboard reaches every token: focus the stream, move, and the details follow.
  await view.getByTestId('token-stream').focus();
  await page.keyboard.press('End');
  await expect(page.getByRole('tooltip')).toContainText(`#${Number(tokens) - 1}`);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tooltip')).toContainText(`#${Number(tokens) - 2}`);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip')).toHaveCount(0);

  // The table view lists the same tokens.
  await view.getByRole('tab', { name: 'Table' }).click();
  await expect(view.getByTestId('token-table')).toHaveAttribute('aria-rowcount', String(Number(tokens) + 1));
  await view.getByRole('tab', { name: 'Text' }).click();

  // Re-run loads the run's setup into the Playground.
  await view.getByTestId('rerun-button').click();
  await expect(page).toHaveURL(/#\/playground$/);
  await expect(page.getByTestId('prompt-input')).toHaveValue(MARBLES);
  await expect(page.getByTestId('model-model')).toHaveValue('base');
});

test('the shortcut overlay lists the keys and page shortcuts navigate', async ({ workbench }) => {
  const { page } = workbench;
  await page.locator('body').click();
  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Go to Runs');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  for (const [key, hash] of [['m', '#/models'], ['d', '#/datasets'], ['e', '#/experts'], ['c', '#/compare'], ['p', '#/playground']] as const) {
    await page.keyboard.press('g');
    await page.keyboard.press(key);
    await expect(page).toHaveURL(new RegExp(`${hash}$`));
  }
});

test('the examples menu works from the keyboard: arrows move, Escape returns focus, Enter fills the prompt', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.goto('#/playground');
  const button = page.getByTestId('examples-button');
  await button.click();
  const items = page.getByRole('menu', { name: 'Example problems' }).getByRole('menuitem');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowUp'); // wraps to the last item
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Example problems' })).toBeHidden();
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter'); // the focused button opens the menu again
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const question = (await items.nth(1).locator('.examples-question').textContent())!;
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('prompt-input')).toHaveValue(question);
  await expect(button).toBeFocused();
});

test('a run started from an example is graded by the host: correct in the Playground, the Runs list and the record', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.goto('#/playground');
  await page.getByTestId('examples-button').click();
  await page.getByRole('menu', { name: 'Example problems' }).getByRole('menuitem').first().click(); // the marbles problem, 14
  await page.getByTestId('run-button').click();
  const output = page.getByTestId('run-output');
  await expect(output).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await expect(page.getByTestId('answer-check')).toContainText('correct');
  const runId = (await output.getAttribute('data-run-id'))!;
  const record = await workbench.call('runs.get', { id: runId });
  expect(record).toMatchObject({ answer: '14', correct: true, setup: { reference: { answer: '14', grading: { kind: 'numeric', tolerance: 1e-6 } } } });
  await workbench.goto('#/runs');
  await expect(page.locator(`[data-run-id="${runId}"] [data-col="correct"]`)).toHaveText('correct');
});

test('adding a model from a missing folder names the path', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.goto('#/models');
  await expect(page.getByTestId('model-card')).toHaveCount(3);
  const missing = '/no/such/models/e2e-missing-model';
  await page.getByTestId('add-model-path').fill(missing);
  await page.getByTestId('add-model-button').click();
  const error = page.locator('#add-model-path-error');
  await expect(error).toContainText('model_missing');
  await expect(error).toContainText(missing);
  await expect(page.getByTestId('model-card')).toHaveCount(3);
});

test('a prompt longer than the context shows context_overflow and the failed run is kept', async ({ workbench }) => {
  const { page } = workbench;
  const words = Array.from({ length: 3000 }, (_, i) => ['marbles', 'apples', 'seven', 'gives'][i % 4]).join(' ');
  await page.getByTestId('model-model').selectOption('base');
  await page.getByTestId('prompt-input').fill(words);
  await page.getByTestId('run-button').click();

  const output = page.getByTestId('run-output');
  await expect(output).toHaveAttribute('data-status', 'failed');
  await expect(output.getByTestId('run-error')).toContainText('context_overflow');
  await expect(output.getByTestId('run-error')).toContainText('512');
  // The prompt is still there to edit.
  await expect(page.getByTestId('prompt-input')).toHaveValue(words);
  const runId = (await output.getAttribute('data-run-id'))!;

  await workbench.goto('#/runs');
  await page.getByRole('button', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'failed' }).click();
  await page.keyboard.press('Escape');
  const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
  await expect(row).toContainText('failed');
  await row.click();
  await expect(page.getByTestId('run-view').getByTestId('run-error')).toContainText('context_overflow');
  await expect(page.getByTestId('run-prompt')).toContainText('marbles apples seven');
});
