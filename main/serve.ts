// Browser mode entry (`npm run serve`, and `npm start` where Electron is missing): the host with its
// engine in a child process, served over HTTP + WebSocket on 127.0.0.1 with a per-launch token.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childProcessSpawner } from './host/child-engine';
import { createHost, findAppRoot } from './host/host';
import { newToken } from './server/security';
import { startServer } from './server/server';
import { defaultDatabasePath } from './store';

async function main(): Promise<void> {
  const root = findAppRoot(fileURLToPath(import.meta.url));
  const dbPath = defaultDatabasePath();
  const host = await createHost({ dbPath, spawnEngine: childProcessSpawner(), kind: 'serve', nativeModelsDir: path.join(root, 'native-models') });
  for (const p of host.startupProblems) console.error(`warning: embedded model not available: ${p}`);
  const token = process.env.WORKBENCH_TOKEN || newToken();
  const wanted = Number(process.env.WORKBENCH_PORT ?? 4317);
  const options = { handlers: host.handlers, hub: host.hub, downloads: host.downloads, token, staticDir: path.join(root, 'out', 'renderer') };
  const server = await startServer({ ...options, port: wanted }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE') throw err;
    return startServer({ ...options, port: 0 });
  });
  console.log(`Reasoning Workbench (browser mode) at ${server.url}`);
  console.log(`database: ${dbPath}`);
  const stop = async () => {
    await server.close();
    await host.close();
    process.exit(0);
  };
  // SIGTERM/SIGINT: the running run is marked interrupted and the lease released on the way out.
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // A bug in one request's promise chain is logged, never the end of the server.
  process.on('unhandledRejection', (err) => console.error('workbench serve: unhandled rejection:', err));
}

main().catch((err) => {
  console.error(`workbench serve: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
