// The method views end to end in browser mode, driven through the Playground like a user: Token
// Recycling on the embedded base model (a round's draft tree with its accepted path, the round
// scrubber, collapse and filters, the acceptance charts), and each reasoning method on the embedded
// models with its view populated: EAD's entropy timeline with the tau line and switches, SpecReason's
// scored steps, RICE's calibration heatmap, steering comparison and per-token routing heatmap.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const PROMPT = 'a = 7. b = a + 5. c = b * 2. What is c?';
const LONG_PROMPT =
  'Fiona starts with 22 marbles. Fiona gets 18 more marbles from a friend. She divides her marbles into 5 equal groups and keeps one group. She divides her marbles into 2 equal groups and keeps one group. She divides her marbles into 4 equal groups and keeps one group. She loses 1 marble. How many marbles does Fiona have now?';

// Theme colours of the light theme (the headless browser prefers light): charts draw with them.
const SUCCESS = [0x17, 0x80, 0x3d] as const;
const ACCENT = [0x4b, 0x4f, 0xd6] as const;
const DANGER = [0xc0, 0x26, 0x2d] as const;

/** Picks a method, sets parameters by label, types the prompt, runs it and waits for completion. */
async function runInPlayground(page: Page, method: string, prompt: string, params: Record<string, string> = {}): Promise<string> {
  await page.getByTestId('method-select').selectOption(method);
  for (const [label, value] of Object.entries(params)) {
    const field = page.getByLabel(label, { exact: true });
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.getByTestId('prompt-input').fill(prompt);
  const output = page.getByTestId('run-output');
  // The Playground keeps showing the previous run (completed) until the new one starts: wait for a new id.
  const previousId = (await output.count()) > 0 ? await output.getAttribute('data-run-id') : null;
  await page.getByTestId('run-button').click();
  await expect.poll(() => output.getAttribute('data-run-id'), { timeout: 60_000 }).not.toBe(previousId);
  const runId = (await output.getAttribute('data-run-id'))!;
  await expect(output).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  expect(await output.getAttribute('data-run-id')).toBe(runId);
  return runId;
}

/** Pixels of a chart's canvases (echarts may draw on several layers) within a small distance of a colour. */
async function pixelsOf(chart: Locator, rgb: readonly [number, number, number]): Promise<number> {
  await expect(chart.locator('canvas').first()).toBeVisible();
  return chart.evaluate((el, [r, g, b]) => {
    let n = 0;
    for (const c of el.querySelectorAll('canvas')) {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 200 && Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 60) n++;
      }
    }
    return n;
  }, rgb as [number, number, number]);
}

test('Token Recycling: a round’s tree with its accepted path, and the acceptance charts', async ({ workbench }) => {
  const { page } = workbench;
  const runId = await runInPlayground(page, 'token_recycling', PROMPT);
  const run = await workbench.call('runs.get', { id: runId });
  expect(run.metrics?.rounds).toBeGreaterThan(1);

  // The finished run opens on its longest accepted path: the 80-node tree, the path marked accepted,
  // the final token at its end, rejected and never-verified nodes marked as such.
  const panel = page.getByTestId('draft-tree-panel');
  const tree = panel.getByTestId('draft-tree');
  await expect(tree).toBeVisible();
  expect(Number(await tree.getAttribute('data-nodes'))).toBeGreaterThan(1);
  await expect(tree.locator('[data-kind="root"]')).toHaveCount(1);
  const accepted = tree.locator('[data-status="accepted"]');
  expect(await accepted.count()).toBeGreaterThanOrEqual(1);
  await expect(tree.locator('[data-kind="final"]')).toHaveCount(1);
  await expect(tree.locator('[data-status="rejected"]').first()).toBeVisible();
  await expect(tree.locator('[data-status="unverified"]').first()).toBeAttached();
  // Accepted nodes, the root and the final token are the highlighted path.
  expect(await tree.locator('[data-on-path="true"]').count()).toBe((await accepted.count()) + 2);
  await expect(tree.locator('path.dt-link-path').first()).toBeAttached();

  // Hovering an accepted node shows its token and target probability.
  await accepted.first().hover();
  await expect(panel.getByRole('tooltip')).toContainText('target p');
  await expect(panel.getByRole('tooltip')).toContainText('accepted');

  // Hiding unverified branches shrinks the tree; the path stays.
  const all = Number(await tree.getAttribute('data-nodes'));
  await panel.getByLabel('hide unverified').check();
  await expect.poll(async () => Number(await tree.getAttribute('data-nodes'))).toBeLessThan(all);
  await expect(tree.locator('[data-status="unverified"]')).toHaveCount(0);
  await expect(tree.locator('[data-kind="final"]')).toHaveCount(1);
  await panel.getByLabel('hide unverified').uncheck();

  // Collapsing a rejected node with children hides its subtree and says how much.
  const expandable = tree.locator('[data-status="rejected"][aria-expanded="true"]').first();
  await expandable.click();
  await expect(tree.locator('[data-status="rejected"][aria-expanded="false"]')).toHaveCount(1);
  await expect(tree.locator('.dt-hidden-count').first()).toHaveText(/^\+\d+$/);

  // The scrubber: ← / → and the strip move across rounds.
  const label = panel.getByTestId('round-label');
  const before = await label.textContent();
  await panel.focus();
  await page.keyboard.press(before?.includes('round 0 ') ? 'ArrowRight' : 'ArrowLeft');
  await expect(label).not.toHaveText(before!);
  await panel.getByRole('button', { name: 'Round 0, accepted' }).click();
  await expect(label).toContainText('round 0');
  await expect(panel.getByTestId('round-facts')).toContainText('matrix hits');

  // Acceptance: by position from the run's metrics (bars drawn), and per round (a point per round).
  const byPosition = page.getByTestId('acceptance-by-position');
  await expect(byPosition).toHaveAttribute('data-points', String(run.metrics!.perPositionAcceptance!.length));
  await expect.poll(() => pixelsOf(byPosition, SUCCESS)).toBeGreaterThan(100);
  const perRound = page.getByTestId('acceptance-per-round');
  await expect(perRound).toHaveAttribute('data-points', String(run.metrics!.rounds));
  await expect.poll(() => pixelsOf(perRound, ACCENT)).toBeGreaterThan(50);
  await expect(page.getByTestId('acceptance-panel')).toContainText(run.metrics!.meanAcceptanceLength!.toFixed(2));

  // Comparison on the same prompt: an autoregressive run appears as the baseline with a speedup.
  const { runId: arId } = await workbench.call('runs.start', { prompt: { kind: 'text', text: PROMPT }, config: { method: 'autoregressive', models: { model: { model: 'base' } } }, tags: ['e2e-methods'] });
  await workbench.waitForRun(arId);
  await workbench.goto(`#/runs/${runId}`);
  const compare = page.getByTestId('method-compare');
  await expect(compare.locator('tr', { hasText: '(baseline)' })).toContainText('1.00×');
  await expect(compare.locator('tr', { hasText: '(this run)' })).toContainText('×');
});

test('EAD, SpecReason and RICE run from the Playground and fill their views', async ({ workbench }) => {
  test.setTimeout(240_000);
  const { page } = workbench;

  // EAD with a low tau so the large model takes over on this prompt's uncertain tokens.
  const eadId = await runInPlayground(page, 'ead', LONG_PROMPT, { 'Entropy threshold (tau)': '0.003', 'Entropy unit': 'nats', 'Rolling window (tokens)': '3', 'Minimum dwell (d_min)': '2' });
  const ead = page.getByTestId('ead-panel');
  const timeline = ead.getByTestId('ead-timeline');
  await expect(timeline).toHaveAttribute('data-tau', '0.003');
  const eadRun = await workbench.call('runs.get', { id: eadId });
  const tokens = eadRun.metrics!.newTokens;
  await expect(timeline.locator('[data-points]')).toHaveAttribute('data-points', String(tokens));
  expect(Number(await timeline.getAttribute('data-switches'))).toBe(eadRun.metrics!.switches);
  expect(eadRun.metrics!.switches).toBeGreaterThan(0);
  // The tau line and the switch markers are drawn (danger red / large-model purple on the canvas).
  await expect.poll(() => pixelsOf(timeline, DANGER)).toBeGreaterThan(30);
  await expect(ead.getByTestId('ead-large-share')).toContainText(`${(eadRun.metrics!.largeShare! * 100).toFixed(1)}%`);
  // Parameters the paper leaves open say so.
  await ead.locator('.rs-tunable', { hasText: 'window' }).hover();
  await expect(page.getByRole('tooltip').filter({ hasText: 'unverified in the paper: a tunable' })).toBeVisible();

  // SpecReason: every step listed with its author and, when judged, its score and distribution.
  const srId = await runInPlayground(page, 'specreason', PROMPT);
  const srRun = await workbench.call('runs.get', { id: srId });
  const steps = page.getByTestId('specreason-step');
  await expect(steps).toHaveCount(srRun.metrics!.steps!);
  expect(srRun.metrics!.steps).toBeGreaterThanOrEqual(1);
  await expect(steps.first().getByTestId('step-score')).toHaveText(/^\d(\.\d+)? \/ 9$/);
  await expect(steps.first().locator('svg.rs-score-bars rect.bar')).toHaveCount(10);
  await expect(page.locator('[data-testid="specreason-step"][data-accepted="true"]')).toHaveCount(srRun.metrics!.stepsAccepted!);
  await expect(page.getByTestId('sr-accepted')).toContainText(`${srRun.metrics!.stepsAccepted} of`);
  await expect(page.getByTestId('sr-saving')).toBeVisible();

  // RICE: calibrate on the Experts page, steer one prompt from there, then run it in the Playground.
  await workbench.call('datasets.generate', { name: 'e2e rice', families: ['variables'], difficulties: [2], countPerCell: 4 });
  await workbench.goto('#/experts');
  const calibration = page.getByTestId('calibration-form');
  await calibration.getByLabel('Items').fill('4');
  const tablesBefore = (await workbench.call('rice.tables', { modelId: 'moe' })).length;
  await calibration.getByRole('button', { name: 'Calibrate' }).click();
  // An earlier spec may have left a table: the heatmap shows it at once, and the new table replaces it
  // (and the picks) when calibration ends. Pick only after that.
  await expect.poll(async () => (await workbench.call('rice.tables', { modelId: 'moe' })).length, { timeout: 60_000 }).toBe(tablesBefore + 1);
  await expect(calibration.getByRole('button', { name: 'Calibrate', exact: true })).toBeEnabled();
  const heatmap = page.getByTestId('npmi-heatmap');
  await expect(heatmap).toBeVisible({ timeout: 60_000 });
  await expect(heatmap).toHaveAttribute('data-layers', '6');
  await expect(heatmap).toHaveAttribute('data-experts', '8');
  await expect(heatmap.locator('[data-top]')).toHaveCount(2);
  // Picking a cell adds it to the steering form's experts.
  const cell = heatmap.locator('button[data-layer="3"][data-expert="0"]');
  await cell.click();
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('steering-form').getByText('L3/E0')).toBeVisible();
  await page.getByTestId('steering-form').getByRole('button', { name: 'Run steered vs unsteered' }).click();
  const sides = page.getByTestId('steering-run');
  await expect(sides).toHaveCount(2);
  for (const side of await sides.all()) await expect(side.getByTestId('thinking-tokens')).toHaveText(/^\d+ tokens$/, { timeout: 60_000 });

  await workbench.goto('#/playground');
  const riceId = await runInPlayground(page, 'rice', PROMPT, { 'Experts to reinforce': '2:7, 4:1' });
  const riceRun = await workbench.call('runs.get', { id: riceId });
  const { events } = await workbench.call('runs.trace', { id: riceId, kinds: ['token'] });
  const routed = events.filter((e) => e.kind === 'token' && e.experts !== undefined).length;
  expect(routed).toBeGreaterThan(0);
  const routing = page.getByTestId('routing-heatmap');
  await expect(routing).toHaveAttribute('data-rows', '48');
  await expect(routing).toHaveAttribute('data-tokens', String(routed));
  await expect.poll(() => pixelsOf(routing, ACCENT)).toBeGreaterThan(100);
  const panel = page.getByTestId('routing-panel');
  await expect(panel.getByText('L2/E7 chosen')).toBeVisible();
  await expect(panel.getByText('L4/E1 chosen')).toBeVisible();
  await expect(panel.getByText(`${riceRun.metrics!.thinkingTokens} tokens`)).toBeVisible();
  await expect(page.getByTestId('method-notes')).toContainText('reinforcing L2/E7, L4/E1');
});
