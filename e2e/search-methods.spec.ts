// The search methods end to end in browser mode, driven through the Playground like a user: a
// particle-filtering run and an A*-decoding run on the embedded models (draft as the policy, base as
// the judge), each filling the search view, and the view consistent with the run's stored trace
// (runs.trace): as many stages and nodes as the trace has, the chosen path highlighted, resampling
// shown between steps, the scrubber growing the tree stage by stage, and the output the chosen path.
import type { Page } from '@playwright/test';
import type { ExpansionEvent, ParticleStepEvent, ResampleEvent, SearchResultEvent, TraceEvent } from '@app/events';
import { expect, test } from './fixtures';

const PROMPT =
  'Fiona starts with 22 marbles. Fiona gets 18 more marbles from a friend. She divides her marbles into 5 equal groups and keeps one group. She loses 1 marble. How many marbles does Fiona have now?';

/** Picks a method and its models, sets parameters by label, types the prompt, runs it and waits for completion. */
async function runSearch(page: Page, method: string, params: Record<string, string>): Promise<string> {
  await page.getByTestId('method-select').selectOption(method);
  await page.getByTestId('model-policy').selectOption('draft');
  await page.getByTestId('model-judge').selectOption('base');
  for (const [label, value] of Object.entries(params)) {
    const field = page.getByLabel(label, { exact: true });
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.getByTestId('prompt-input').fill(PROMPT);
  const output = page.getByTestId('run-output');
  const previousId = (await output.count()) > 0 ? await output.getAttribute('data-run-id') : null;
  await page.getByTestId('run-button').click();
  await expect.poll(() => output.getAttribute('data-run-id'), { timeout: 60_000 }).not.toBe(previousId);
  await expect(output).toHaveAttribute('data-status', 'completed', { timeout: 90_000 });
  return (await output.getAttribute('data-run-id'))!;
}

const ofKind = <K extends TraceEvent['kind']>(events: TraceEvent[], kind: K) => events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);

test('particle filtering fills the search view, consistent with its trace', async ({ workbench }) => {
  test.setTimeout(180_000);
  const { page } = workbench;
  const runId = await runSearch(page, 'particle_filtering', { 'Particles (N)': '4', 'Step budget': '12', Temperature: '1', Seed: '3' });
  const { events } = await workbench.call('runs.trace', { id: runId, kinds: ['particle_step', 'resample', 'search_result'] });
  const steps: ParticleStepEvent[] = ofKind(events, 'particle_step');
  const resamples: ResampleEvent[] = ofKind(events, 'resample');
  const result: SearchResultEvent = ofKind(events, 'search_result')[0]!;
  expect(steps.length).toBeGreaterThan(1);
  const run = await workbench.call('runs.get', { id: runId });
  expect(run.metrics).toMatchObject({ steps: steps.length, resamplings: resamples.length });
  const texts = new Map(steps.flatMap((s) => s.nodes.map((n) => [n.id, n.text] as const)));
  expect(run.output).toBe(result.path.map((id) => texts.get(id)).join(''));

  const panel = page.getByTestId('search-panel');
  await expect(panel).toHaveAttribute('data-method', 'particles');
  const tree = panel.getByTestId('search-tree');
  // The finished run shows its last step: every node and the prompt, the chosen path highlighted.
  await expect(panel.getByTestId('search-stage-label')).toContainText(`step ${steps.length} of ${steps.length}`);
  await expect(tree).toHaveAttribute('data-nodes', String(texts.size + 1));
  await expect(tree.locator('[data-on-path="true"]')).toHaveCount(result.path.length + 1);
  await expect(panel.getByTestId('search-chosen')).toContainText(`${result.path.length} steps`);

  // Resampling is marked between the steps it followed, one mark per resample event.
  await expect(panel.getByTestId('resample-mark')).toHaveCount(resamples.length);
  // The step before the last shows the resampling that followed it, as recorded.
  const before = steps.at(-2)!;
  const resample = resamples.find((r) => r.step === before.step)!;
  await panel.getByRole('button', { name: 'Previous step' }).click();
  await expect(panel.getByTestId('search-resample')).toContainText(resample.ancestors.map((a, i) => `${i}←${a}`).join(' · '));
  // Back to the first step: only its nodes (the scrubber grows the tree stage by stage).
  await panel.getByTestId('search-scrubber').fill('0');
  await expect(tree).toHaveAttribute('data-nodes', String(steps[0]!.nodes.length + 1));

  // A node's tooltip carries its score, reward and particle weight; colouring by weight recolours it.
  const first = tree.locator('[data-kind="draft"]').first();
  await first.hover();
  await expect(panel.getByRole('tooltip')).toContainText('step score');
  await expect(panel.getByRole('tooltip')).toContainText('particle · weight');
  const byScore = await first.locator('rect').getAttribute('style');
  await panel.getByRole('tab', { name: 'Weight' }).click();
  await expect.poll(() => first.locator('rect').getAttribute('style')).not.toBe(byScore);
});

test('A*-decoding fills the search view with its expansions, consistent with its trace', async ({ workbench }) => {
  test.setTimeout(180_000);
  const { page } = workbench;
  const runId = await runSearch(page, 'astar_decoding', { 'Candidates per expansion (k)': '3', 'Token budget': '600', Temperature: '1', Seed: '3' });
  const { events } = await workbench.call('runs.trace', { id: runId, kinds: ['expansion', 'search_result'] });
  const expansions: ExpansionEvent[] = ofKind(events, 'expansion');
  const result: SearchResultEvent = ofKind(events, 'search_result')[0]!;
  const run = await workbench.call('runs.get', { id: runId });
  expect(run.metrics?.expansions).toBe(expansions.length);
  const nodes = expansions.reduce((n, e) => n + e.children.length, 0);

  const panel = page.getByTestId('search-panel');
  await expect(panel).toHaveAttribute('data-method', 'astar');
  await expect(panel.getByTestId('search-stage-label')).toContainText(`expansion ${expansions.length} of ${expansions.length}`);
  const tree = panel.getByTestId('search-tree');
  await expect(tree).toHaveAttribute('data-nodes', String(nodes + 1));
  await expect(tree.locator('[data-on-path="true"]')).toHaveCount(result.path.length + 1);
  const last = expansions.at(-1)!;
  await expect(panel.getByTestId('search-stage-details')).toContainText(`frontier ${last.frontierSize}`);
  await expect(panel.getByTestId('search-stage-details')).toContainText(`${last.tokensUsed} tokens`);
  // The first expansion alone: the prompt's candidates.
  await panel.getByTestId('search-scrubber').fill('0');
  await expect(tree).toHaveAttribute('data-nodes', String(expansions[0]!.children.length + 1));
  await expect(panel.getByTestId('search-stage-details')).toContainText('expanded the prompt');
});
