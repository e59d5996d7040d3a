// Repeated sampling end to end in browser mode: a run from the Playground on the embedded models (the
// draft samples at temperature 1, the base model judges every step), whose per-sample list matches
// the run's recorded `sample` events (runs.trace): each sample's answer, score, selected flag; the
// list is keyboard-driven (arrows move, Enter opens a sample's text); oracle selection on a free
// prompt is refused with the reason, and on an example problem grades with the example's answer.
import type { SampleEvent } from '@app/events';
import { expect, test } from './fixtures';

const PROMPT =
  'Fiona starts with 22 marbles. Fiona gets 18 more marbles from a friend. She divides her marbles into 5 equal groups and keeps one group. She loses 1 marble. How many marbles does Fiona have now?';

test('a repeated-sampling run lists every sample as recorded, selected one marked, keyboard-friendly', async ({ workbench }) => {
  const { page } = workbench;
  await page.getByTestId('method-select').selectOption('repeated_sampling');
  await page.getByTestId('model-model').selectOption('draft');
  await page.getByLabel('Samples (k)', { exact: true }).fill('4');
  await page.getByLabel('Selection', { exact: true }).selectOption('verifier');
  await page.getByLabel('Verifier', { exact: true }).selectOption('judge_prm');
  await page.getByLabel('Temperature', { exact: true }).fill('1');
  await page.getByTestId('prompt-input').fill(PROMPT);
  const output = page.getByTestId('run-output');
  const previousId = (await output.count()) > 0 ? await output.getAttribute('data-run-id') : null;
  await page.getByTestId('run-button').click();
  await expect.poll(() => output.getAttribute('data-run-id'), { timeout: 60_000 }).not.toBe(previousId);
  const runId = (await output.getAttribute('data-run-id'))!;
  await expect(output).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });

  const { events } = await workbench.call('runs.trace', { id: runId, kinds: ['sample'] });
  const samples = events as SampleEvent[];
  expect(samples).toHaveLength(4);
  const run = await workbench.call('runs.get', { id: runId });
  const chosen = samples.find((s) => s.selected)!;
  expect(run.output).toBe(chosen.text);
  expect(run.metrics).toMatchObject({ samples: 4, selectedSample: chosen.index });

  const panel = page.getByTestId('samples-panel');
  const rows = panel.getByTestId('sample-row');
  await expect(rows).toHaveCount(4);
  for (const s of samples) {
    const row = panel.locator(`[data-testid="sample-row"][data-index="${s.index}"]`);
    await expect(row).toHaveAttribute('data-answer', s.answer ?? '');
    await expect(row).toHaveAttribute('data-selected', String(s.selected));
    await expect(row).toHaveAttribute('data-correct', 'unknown');
    await expect(row).toContainText(s.score.toFixed(3));
  }
  await expect(panel.locator('[data-selected="true"]')).toHaveCount(1);
  await expect(panel.getByTestId('samples-selected')).toContainText(`#${chosen.index}`);

  // Keyboard: the rows are one tab stop; ArrowDown moves, Enter opens that sample's text.
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows.nth(1)).toHaveAttribute('aria-expanded', 'true');
  await expect(panel.getByTestId('sample-text')).toHaveText(samples[1]!.text);
  await page.keyboard.press('End');
  await expect(rows.nth(3)).toBeFocused();
});

test('oracle selection: refused on a free Playground prompt with the reason, graded on an example problem', async ({ workbench }) => {
  const { page } = workbench;
  await page.getByTestId('method-select').selectOption('repeated_sampling');
  await page.getByLabel('Selection', { exact: true }).selectOption('oracle');
  await page.getByTestId('prompt-input').fill('a = 7. What is a?');
  const output = page.getByTestId('run-output');
  const previousId = (await output.count()) > 0 ? await output.getAttribute('data-run-id') : null;
  await page.getByTestId('run-button').click();
  await expect.poll(() => output.getAttribute('data-run-id'), { timeout: 60_000 }).not.toBe(previousId);
  await expect(output).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
  await expect(page.getByTestId('run-error')).toContainText("oracle selection needs the item's gold answer");

  // On an example problem its answer goes along: every sample is graded and the oracle selects a right one when there is one.
  await page.getByTestId('examples-button').click();
  await page.getByRole('menuitem').first().click();
  const example = await page.getByTestId('prompt-input').inputValue();
  expect(example).toContain('Mia has 12 marbles');
  const before = await output.getAttribute('data-run-id');
  await page.getByTestId('run-button').click();
  await expect.poll(() => output.getAttribute('data-run-id'), { timeout: 60_000 }).not.toBe(before);
  await expect(output).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  const runId = (await output.getAttribute('data-run-id'))!;
  const samples = (await workbench.call('runs.trace', { id: runId, kinds: ['sample'] })).events as SampleEvent[];
  expect(samples.every((s) => s.correct !== null)).toBe(true);
  const chosen = samples.find((s) => s.selected)!;
  expect(chosen.index).toBe((samples.find((s) => s.correct) ?? samples[0]!).index);
  const rows = page.getByTestId('samples-panel').getByTestId('sample-row');
  await expect(rows).toHaveCount(samples.length);
  await expect(rows.first()).toHaveAttribute('data-correct', String(samples[0]!.correct));
});

test('an experiment with a repeated-sampling arm shows its coverage chart and verifier rates from every sample', async ({ workbench }) => {
  const { page } = workbench;
  const dataset = await workbench.call('datasets.generate', { name: 'e2e scaling', families: ['arithmetic'], difficulties: [7], countPerCell: 3 });
  const sampling = { maxNewTokens: 96, temperature: 1 };
  const arms = [
    { label: 'AR draft', config: { method: 'autoregressive' as const, models: { model: { model: 'draft' } }, sampling }, baseline: true },
    { label: 'RS k=6', config: { method: 'repeated_sampling' as const, models: { model: { model: 'draft' }, judge: { model: 'base' } }, params: { k: 6, verifier: 'judge_orm' as const, selection: 'verifier' as const }, sampling } },
  ];
  const experiment = await workbench.call('experiments.create', { name: 'e2e scaling', datasetId: dataset.id, arms });
  await workbench.call('experiments.start', { id: experiment.id });
  await workbench.goto(`#/compare/${experiment.id}`);
  await expect(page.getByRole('progressbar', { name: 'Experiment progress' })).toHaveAttribute('aria-valuenow', '6', { timeout: 120_000 });

  // The rates the view should show, from the recorded samples (graded against the items' answers).
  const results = await workbench.call('experiments.results', { id: experiment.id });
  const runs = results.cells.filter((c) => c.arm === 'RS k=6').map((c) => c.runId);
  expect(runs).toHaveLength(3);
  const samples = (await Promise.all(runs.map((id) => workbench.call('runs.trace', { id, kinds: ['sample'] })))).flatMap((t) => t.events as SampleEvent[]);
  expect(samples).toHaveLength(18);
  expect(samples.every((s) => s.correct !== null)).toBe(true);
  const wrong = samples.filter((s) => !s.correct);
  // Difficulty 7 at temperature 1: the draft gets some wrong, and the judge accepts some of those.
  expect(wrong.length).toBeGreaterThan(0);
  const fpr = `${((wrong.filter((s) => s.score >= 0.5).length / wrong.length) * 100).toFixed(1)}%`;

  await page.getByRole('tab', { name: 'Test-time scaling' }).click();
  const arm = page.getByTestId('scaling-arm');
  await expect(arm).toHaveCount(1);
  await expect(arm).toContainText('RS k=6');
  await expect(arm).toContainText('up to 6 samples each');
  await expect(arm.locator('canvas').first()).toBeVisible();
  await expect(arm.getByTestId('scaling-fpr')).toHaveText(fpr);
  await expect(page.getByTestId('scaling-view')).toContainText('c·r / (c·r + (1−r)·fpr)');
});
