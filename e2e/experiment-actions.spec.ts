// No dead ends around experiments and datasets: items picked stratified by family and difficulty
// (seeded) with a run-time estimate before starting; a finished experiment offers Re-run and Clone
// (the builder filled from it, to add arms or items); deleting an experiment or a dataset asks in an
// in-app dialog, never the browser's confirm(); an experiment whose dataset is deleted keeps its questions.
import { expect, test } from './fixtures';

test('stratified items, estimate, re-run, clone, and in-app delete dialogs', async ({ workbench }) => {
  test.setTimeout(180_000);
  const { page } = workbench;
  page.on('dialog', (d) => {
    throw new Error(`a browser dialog appeared: ${d.message()}`);
  });
  const dataset = await workbench.call('datasets.generate', { name: 'e2e strata', families: ['arithmetic', 'variables', 'swaps'], difficulties: [1, 2], countPerCell: 2 });
  await workbench.goto(`#/compare/new?dataset=${dataset.id}`);
  const builder = page.getByRole('form', { name: 'New experiment' });
  await builder.getByLabel('Name', { exact: true }).fill('e2e strata');
  await builder.getByLabel('Max new tokens (all arms)').fill('8');
  await builder.getByLabel('Items', { exact: true }).fill('6');
  await builder.getByLabel('Pick', { exact: true }).selectOption('stratified');
  await expect(builder.getByText('12 runs: 6 items × 2 arms × 1 sample')).toBeVisible();
  await expect(builder.getByTestId('run-estimate')).toBeVisible();
  await builder.getByRole('button', { name: 'Create and run' }).click();

  const progress = page.getByRole('progressbar', { name: 'Experiment progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '12', { timeout: 120_000 });
  const id = /#\/compare\/([^/?]+)/.exec(page.url())![1]!;
  const experiment = await workbench.call('experiments.get', { id });
  const items = (await workbench.call('datasets.items', { id: dataset.id, limit: 100 })).items;
  const picked = items.filter((i) => experiment.spec.itemIds!.includes(i.id));
  expect(picked).toHaveLength(6);
  // Six strata (3 families x 2 difficulties), one item each: not the first six (all arithmetic).
  expect(new Set(picked.map((i) => `${String(i.metadata.family)}/${String(i.metadata.difficulty)}`)).size).toBe(6);

  // Clone: the builder starts from this experiment's spec.
  await page.getByTestId('clone-experiment').click();
  const clone = page.getByRole('form', { name: 'New experiment' });
  await expect(clone.getByLabel('Name', { exact: true })).toHaveValue('e2e strata (copy)');
  await expect(clone.getByTestId('arm-1')).toBeVisible();
  await page.goBack();

  // Re-run: a new experiment with the same spec.
  await page.getByTestId('rerun-experiment').click();
  await expect(page.getByRole('heading', { name: 'e2e strata (re-run)' })).toBeVisible();
  const rerunId = /#\/compare\/([^/?]+)/.exec(page.url())![1]!;
  expect(rerunId).not.toBe(id);
  expect((await workbench.call('experiments.get', { id: rerunId })).spec.itemIds).toEqual(experiment.spec.itemIds);
  await expect(progress).toHaveAttribute('aria-valuenow', '12', { timeout: 120_000 });

  // Delete asks in the app.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('dialog')).toContainText('e2e strata (re-run)');
  await page.getByTestId('confirm-danger').click();
  await expect(page).toHaveURL(/#\/compare$/);
  await expect(workbench.call('experiments.get', { id: rerunId })).rejects.toThrow(/not_found/);

  await workbench.goto(`#/datasets/${dataset.id}`);
  await page.getByTestId('delete-dataset').click();
  await expect(page.getByRole('dialog')).toContainText('Runs made from it are kept');
  await page.getByTestId('confirm-danger').click();
  await expect(page.getByRole('table', { name: 'Datasets' }).getByRole('row', { name: /e2e strata/ })).toHaveCount(0);

  // The experiment built on it keeps its questions (as its runs stored them) and says the dataset is gone.
  await workbench.goto(`#/compare/${id}`);
  await expect(page.getByTestId('dataset-deleted')).toContainText('(deleted)');
  await expect(page.getByRole('status').filter({ hasText: 'was deleted' })).toBeVisible();
  const questions = page.locator('.cmp-matrix-question');
  await expect(questions).toHaveCount(6);
  for (const item of picked) await expect(questions.filter({ hasText: item.question })).toHaveCount(1);
  await expect(page.getByTestId('rerun-experiment')).toBeDisabled();
});
