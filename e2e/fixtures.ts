// The shared Playwright fixtures: `test` with `baseURL` pointing at the e2e server (so
// page.goto('#/runs') works) and a `workbench` fixture: the page opened at the tokened URL with the
// engine ready, plus helpers to call the API directly and to wait for runs. Every spec imports
// `test` and `expect` from here.
import type { APIRequestContext, Page } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import type { ApiInput, ApiMethod, ApiOutput } from '../app/api';
import type { RunRecord } from '../app/runs';
import { serverInfo } from './server-info';

export interface Workbench {
  page: Page;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  /** Calls the API over HTTP with the token; throws "code: message" on an error envelope. */
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  /** Goes to a hash route (e.g. "#/runs") and waits for the app shell. */
  goto(hash: string): Promise<void>;
  /** Polls runs.get until the run is no longer queued or running. */
  waitForRun(runId: string, timeoutMs?: number): Promise<RunRecord>;
}

async function callApi<M extends ApiMethod>(request: APIRequestContext, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const { origin, token } = serverInfo();
  const response = await request.post(`${origin}/api/call/${method}`, { headers: { authorization: `Bearer ${token}` }, data: input });
  const body = (await response.json()) as { ok: true; value: ApiOutput<M> } | { ok: false; error: { code: string; message: string } };
  if (!body.ok) throw new Error(`${body.error.code}: ${body.error.message}`);
  return body.value;
}

/** Opens the app at a hash route and waits until the engine reports ready. */
export async function openApp(page: Page, hash = '#/playground'): Promise<void> {
  await page.goto(`${serverInfo().url}${hash}`);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-engine', 'ready', { timeout: 60_000 });
}

export const test = base.extend<{ workbench: Workbench }>({
  // Playwright reads fixture dependencies from the parameter pattern; this one needs none.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    await use(serverInfo().url);
  },
  workbench: async ({ page, request }, use) => {
    const { origin, token } = serverInfo();
    await openApp(page);
    const call = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(request, method, input);
    await use({
      page,
      origin,
      token,
      call,
      goto: (hash) => openApp(page, hash),
      waitForRun: async (runId, timeoutMs = 60_000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const run = await call('runs.get', { id: runId });
          if (run.status !== 'queued' && run.status !== 'running') return run;
          if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
    });
  },
});

export { expect };
