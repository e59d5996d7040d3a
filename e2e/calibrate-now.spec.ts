// RICE out of the box: with the moe model chosen and no calibration yet, the Playground offers
// "Calibrate now" in place, shows its progress, and afterwards the RICE run completes.
import { expect, test } from './fixtures';

test('RICE: calibrate now from the Playground, then run', async ({ workbench }) => {
  test.setTimeout(300_000);
  const { page } = workbench;
  const before = await workbench.call('rice.tables', { modelId: 'moe' });
  test.skip(before.length > 0, 'this database already has a calibration of moe');
  await workbench.goto('#/playground');
  await page.getByTestId('method-select').selectOption('rice');
  const notice = page.getByTestId('calibrate-now');
  await expect(notice).toContainText('no calibration yet');
  await expect(notice).not.toContainText('rice.calibrate');
  await notice.getByTestId('calibrate-now-button').click();
  await expect(notice.getByRole('progressbar', { name: 'Calibration progress' }).or(notice.locator('progress'))).toBeVisible();
  await expect(notice).toHaveCount(0, { timeout: 240_000 });
  expect((await workbench.call('rice.tables', { modelId: 'moe' })).length).toBe(1);

  await page.getByLabel('Max new tokens').fill('16');
  await page.getByPlaceholder(/Ask something/).fill('3 + 4 = ');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('method-panels')).toHaveAttribute('data-method', 'rice', { timeout: 60_000 });
});
