// RICE out of the box: moe ships with a calibration (RICE runs on it at once, and the Playground
// says the table is shipped); "Calibrate now" in place makes one of this machine's own, with its
// progress, after which the note goes and the RICE run completes.
import { expect, test } from './fixtures';

test('RICE: calibrate now from the Playground, then run', async ({ workbench }) => {
  test.setTimeout(300_000);
  const { page } = workbench;
  const own = async () => (await workbench.call('rice.tables', { modelId: 'moe' })).filter((t) => !t.shipped);
  test.skip((await own()).length > 0, 'this database already has a calibration of moe made here');
  expect(await workbench.call('rice.tables', { modelId: 'moe' })).toEqual([expect.objectContaining({ shipped: true })]);
  await workbench.goto('#/playground');
  await page.getByTestId('method-select').selectOption('rice');
  const notice = page.getByTestId('calibrate-now');
  await expect(notice).toHaveAttribute('data-shipped', 'true');
  await expect(notice).toContainText('shipped with moe');
  await expect(notice).not.toContainText('rice.calibrate');
  await notice.getByTestId('calibrate-now-button').click();
  await expect(notice.getByRole('progressbar', { name: 'Calibration progress' }).or(notice.locator('progress'))).toBeVisible();
  await expect(notice).toHaveCount(0, { timeout: 240_000 });
  expect(await own()).toHaveLength(1);

  await page.getByLabel('Max new tokens').fill('16');
  await page.getByPlaceholder(/Ask something/).fill('3 + 4 = ');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('method-panels')).toHaveAttribute('data-method', 'rice', { timeout: 60_000 });
});
