// Where the e2e server runs: written by the global setup into the environment that the test workers
// and the teardown inherit.

export interface ServerInfo {
  /** http://127.0.0.1:PORT/?token=TOKEN */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  pid: number;
  /** Temporary folder with the database. */
  dir: string;
  /** Port of the serve process's HF_ENDPOINT (127.0.0.1), where a spec may start the fake hub. */
  hubPort: number;
}

const KEYS = { url: 'WORKBENCH_E2E_URL', origin: 'WORKBENCH_E2E_ORIGIN', token: 'WORKBENCH_E2E_TOKEN', pid: 'WORKBENCH_E2E_PID', dir: 'WORKBENCH_E2E_DIR', hubPort: 'WORKBENCH_E2E_HUB_PORT' } as const;

/** Writes the server's whereabouts into this process's environment (inherited by workers and teardown). */
export function publishServerInfo(info: ServerInfo): void {
  process.env[KEYS.url] = info.url;
  process.env[KEYS.origin] = info.origin;
  process.env[KEYS.token] = info.token;
  process.env[KEYS.pid] = String(info.pid);
  process.env[KEYS.dir] = info.dir;
  process.env[KEYS.hubPort] = String(info.hubPort);
}

/** The running server, or an error saying the global setup did not run. */
export function serverInfo(): ServerInfo {
  const url = process.env[KEYS.url];
  if (!url) throw new Error('WORKBENCH_E2E_URL is not set: run the specs with `npx playwright test` (its global setup starts the server)');
  return {
    url,
    origin: process.env[KEYS.origin]!,
    token: process.env[KEYS.token]!,
    pid: Number(process.env[KEYS.pid]),
    dir: process.env[KEYS.dir]!,
    hubPort: Number(process.env[KEYS.hubPort]),
  };
}
