// Terms explain themselves: hovering "catch-up tokens" in an EAD run's panel shows its definition,
// the help overlay lists the glossary, and the Playground's paper citation links to arXiv.
import { expect, test } from './fixtures';

test('glossary terms on hover, in the help overlay, and citations as links', async ({ workbench }) => {
  const { page } = workbench;
  const { runId } = await workbench.call('runs.start', {
    prompt: { kind: 'text', text: 'glossary: 12 + 30 =' },
    config: { method: 'ead', models: { small: { model: 'draft' }, large: { model: 'base' } }, sampling: { maxNewTokens: 24 } },
  });
  await workbench.waitForRun(runId);
  await workbench.goto(`#/runs/${runId}`);
  const term = page.locator('[data-term="catch-up tokens"]').first();
  await term.hover();
  await expect(page.getByRole('tooltip')).toContainText('prefills the tokens written since it last ran');

  await page.keyboard.press('?');
  const glossary = page.getByRole('region', { name: 'Glossary' }).or(page.locator('section[aria-label="Glossary"]'));
  await expect(glossary).toContainText('matrix hits');
  await expect(glossary).toContainText('passed, off path');
  await page.keyboard.press('Escape');

  await workbench.goto('#/playground');
  await page.getByTestId('method-select').selectOption('chain_sd');
  await expect(page.locator('.method-source a').first()).toHaveAttribute('href', 'https://arxiv.org/abs/2211.17192');
});
