// Importing the same dataset file twice: the second import is refused and names the dataset it was
// already imported as, with a way to open it; the Datasets list keeps one copy.
import { expect, test } from './fixtures';

test('the same file imported twice is named, not copied', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.goto('#/datasets');
  const file = { name: 'e2e-twice.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from('{"question": "2 + 2?", "answer": "4"}\n{"question": "3 + 5?", "answer": "8"}\n') };
  const dialog = page.getByRole('dialog', { name: 'Import a dataset' });
  const rows = page.getByRole('table', { name: 'Datasets' }).getByRole('row', { name: /e2e-twice/ });

  await page.getByRole('button', { name: 'Import file…' }).click();
  await dialog.getByLabel('File').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(1);

  await page.getByRole('button', { name: 'Import file…' }).click();
  await dialog.getByLabel('File').setInputFiles(file);
  await dialog.getByLabel('Name', { exact: true }).fill('e2e-twice again');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const refused = dialog.getByTestId('import-duplicate');
  await expect(refused).toContainText('already imported as “e2e-twice”');
  await refused.getByRole('button', { name: 'Open “e2e-twice”' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'e2e-twice', exact: true })).toBeVisible();
  await expect(rows).toHaveCount(1);
  expect((await workbench.call('datasets.list', {})).filter((d) => d.name.startsWith('e2e-twice'))).toHaveLength(1);
});
