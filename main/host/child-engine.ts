// Starts the engine as a Node child process (serve mode, CLI, tests). From the built app it forks
// out/main/engine.js; from sources (tests, tsx) it forks main/engine/process.ts through tsx.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineMessage, EngineRequest } from '../engine/protocol';
import type { EngineProcess, EngineSpawner } from './engine-client';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The engine entry next to this module: built JS when running from out/, else the TypeScript source. */
export function engineEntry(): { file: string; execArgv: string[] } {
  // Bundled code may live in out/main or in a chunk folder below it.
  for (const built of [path.join(here, 'engine.js'), path.join(here, '..', 'engine.js')]) {
    if (fs.existsSync(built)) return { file: built, execArgv: [] };
  }
  return { file: path.resolve(here, '../engine/process.ts'), execArgv: ['--import', 'tsx'] };
}

export function childProcessSpawner(env: NodeJS.ProcessEnv = process.env): EngineSpawner {
  return (): EngineProcess => {
    const entry = engineEntry();
    const child = fork(entry.file, [], { execArgv: entry.execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    let exitListener: ((reason: string) => void) | null = null;
    let exited = false;
    child.on('exit', (code, signal) => {
      exited = true;
      exitListener?.(signal ? `killed by ${signal}` : `exit code ${code}`);
    });
    child.on('error', (err) => {
      if (!exited) exitListener?.(err.message);
    });
    return {
      pid: child.pid ?? null,
      send: (m: EngineRequest) => {
        if (child.connected) child.send(m);
      },
      onMessage: (l: (m: EngineMessage) => void) => child.on('message', (m) => l(m as EngineMessage)),
      onExit: (l) => {
        exitListener = l;
      },
      kill: () => child.kill('SIGKILL'),
    };
  };
}
