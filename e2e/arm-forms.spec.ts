// Experiment arms are edited with the Playground's generated form, not JSON: at 1280x800 a new
// experiment of two arms (autoregressive baseline and Token Recycling with its tree, k and a top-k
// set through the form) is made without typing any JSON; each parameter's docs sit beside its
// field, inside the viewport; the created experiment's arms carry what the form set. The sweep of
// repeated sampling's k, particle filtering's N and A*'s k stays on the form-based arm.
import { expect, test } from './fixtures';

test('two arms built through the generated form at 1280x800, no JSON typed', async ({ workbench }) => {
  test.setTimeout(150_000);
  const { page } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const dataset = await workbench.call('datasets.generate', { name: 'e2e arm forms', families: ['arithmetic'], difficulties: [1], countPerCell: 2 });
  await workbench.goto(`#/compare/new?dataset=${dataset.id}`);
  const builder = page.getByRole('form', { name: 'New experiment' });
  await builder.getByLabel('Name', { exact: true }).fill('e2e arm forms');
  await builder.getByLabel('Max new tokens (all arms)').fill('8');

  // The second starter arm becomes Token Recycling through the method select.
  const arm = builder.getByTestId('arm-1');
  await arm.getByLabel('Method').selectOption('token_recycling');
  await expect(arm.getByLabel('Label')).toHaveValue('token_recycling base');
  await expect(arm.locator('.method-summary')).toContainText('recycled');
  await expect(arm.getByTestId('model-target')).toHaveValue('base');

  // Its parameters, each with the method's docs beside the field.
  const tree = arm.getByTestId('param-tree');
  await tree.selectOption('chain-8');
  const k = arm.getByTestId('param-k');
  await k.fill('4');
  const kField = arm.locator('.field', { has: page.getByTestId('param-k') });
  const help = kField.locator('.field-help');
  await expect(help).toContainText('adjacency matrix');
  const [kBox, helpBox] = [await k.boundingBox(), await help.boundingBox()];
  expect(helpBox!.x).toBeGreaterThan(kBox!.x + kBox!.width);
  expect(helpBox!.x + helpBox!.width).toBeLessThanOrEqual(1280);

  // A bad value is named on the arm and blocks creating; a good one clears it.
  await k.fill('99');
  await expect(arm.locator('.field-error').first()).toBeVisible();
  await expect(builder.getByText('Fix the invalid arm parameters.')).toBeVisible();
  await expect(builder.getByRole('button', { name: 'Create and run' })).toBeDisabled();
  await k.fill('4');

  // The arm's own sampling: top-k.
  await arm.getByText('Sampling of this arm').click();
  await arm.getByTestId('param-topK').fill('5');

  // The JSON is only an advanced view, closed, and follows the form.
  const json = arm.getByLabel('Arm 2 config JSON');
  await expect(json).toBeHidden();
  await arm.getByText('Advanced: the config as JSON').click();
  await expect(json).toHaveValue(/"tree": "chain-8"/);

  await expect(builder.getByText('4 runs: 2 items × 2 arms × 1 sample')).toBeVisible();
  await builder.getByRole('button', { name: 'Create and run' }).click();
  await expect(page.getByRole('heading', { name: 'e2e arm forms' })).toBeVisible();
  const id = /#\/compare\/([^/?]+)/.exec(page.url())![1]!;
  const { spec } = await workbench.call('experiments.get', { id });
  expect(spec.arms.map((a) => [a.label, a.config.method, a.baseline])).toEqual([
    ['AR base', 'autoregressive', true],
    ['token_recycling base', 'token_recycling', false],
  ]);
  expect(spec.arms[1]!.config).toMatchObject({ models: { target: { model: 'base', provider: 'cpu' } }, params: { tree: 'chain-8', k: 4 }, sampling: { topK: 5, maxNewTokens: 8 } });
  const progress = page.getByRole('progressbar', { name: 'Experiment progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '4', { timeout: 120_000 });
});

test("the form-based arm offers the sweep of k / N: one arm per value, out-of-range values refused with the schema's reason", async ({ workbench }) => {
  const { page } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const dataset = await workbench.call('datasets.generate', { name: 'e2e arm sweep', families: ['arithmetic'], difficulties: [1], countPerCell: 1 });
  await workbench.goto(`#/compare/new?dataset=${dataset.id}`);
  const builder = page.getByRole('form', { name: 'New experiment' });
  await expect(builder.getByTestId('arm-1')).toBeVisible();
  await expect(builder.getByRole('button', { name: /^Sweep / })).toHaveCount(0); // the starter arms sweep nothing

  // Repeated sampling sweeps k: the arm becomes one arm per value, each form showing its k.
  const rs = builder.getByTestId('arm-1');
  await rs.getByLabel('Method').selectOption('repeated_sampling');
  await rs.getByLabel('Sweep k (one arm per value)').fill('2, 1000');
  await rs.getByRole('button', { name: 'Sweep k of arm 2' }).click();
  await expect(rs.locator('.field-error', { hasText: 'k = 1000:' })).toBeVisible();
  await rs.getByLabel('Sweep k (one arm per value)').fill('1, 4');
  await rs.getByRole('button', { name: 'Sweep k of arm 2' }).click();
  await expect(builder.locator('fieldset.cmp-arm')).toHaveCount(3);
  await expect(builder.getByTestId('arm-1').getByLabel('Label')).toHaveValue(/ k=1$/);
  await expect(builder.getByTestId('arm-2').getByLabel('Label')).toHaveValue(/ k=4$/);
  await expect(builder.getByTestId('arm-2').getByTestId('param-k')).toHaveValue('4');

  // Particle filtering sweeps N (particles), A*-decoding k (candidates).
  const pf = builder.getByTestId('arm-0');
  await pf.getByLabel('Method').selectOption('particle_filtering');
  await pf.getByLabel('Sweep particles (one arm per value)').fill('2, 3');
  await pf.getByRole('button', { name: 'Sweep particles of arm 1' }).click();
  await expect(builder.locator('fieldset.cmp-arm')).toHaveCount(4);
  await expect(builder.getByTestId('arm-1').getByTestId('param-particles')).toHaveValue('3');
  await builder.getByTestId('arm-3').getByLabel('Method').selectOption('astar_decoding');
  await expect(builder.getByTestId('arm-3').getByRole('button', { name: 'Sweep candidates of arm 4' })).toBeVisible();
});
