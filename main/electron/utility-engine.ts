// Starts the engine as an Electron utilityProcess: a Chromium-managed Node process, so a native crash
// in onnxruntime or a GPU driver ends only the engine and the app reports it.
import { utilityProcess } from 'electron';
import path from 'node:path';
import type { EngineMessage, EngineRequest } from '../engine/protocol';
import type { EngineProcess, EngineSpawner } from '../host/engine-client';

export function utilityProcessSpawner(mainDir: string): EngineSpawner {
  return (): EngineProcess => {
    const child = utilityProcess.fork(path.join(mainDir, 'engine.js'), [], { serviceName: 'workbench-engine', stdio: 'inherit' });
    let exitListener: ((reason: string) => void) | null = null;
    child.on('exit', (code) => exitListener?.(`exit code ${code}`));
    return {
      get pid() {
        return child.pid ?? null;
      },
      send: (m: EngineRequest) => child.postMessage(m),
      onMessage: (l: (m: EngineMessage) => void) => child.on('message', (m) => l(m as EngineMessage)),
      onExit: (l) => {
        exitListener = l;
      },
      kill: () => {
        child.kill();
      },
    };
  };
}
