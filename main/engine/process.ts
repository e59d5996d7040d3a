// Entry point of the engine process. Under Electron it is a utilityProcess (messages on
// process.parentPort); under serve and the CLI a child_process fork (process.send / 'message').
// onnxruntime's run() blocks the thread it runs on, which is why the engine lives here and not in the
// host; a native crash here ends only this process, and the host reports it.
import { toErrorPayload } from '@app/errors';
import { Engine } from './engine';
import { callEngineFunction } from './functions';
import { ModelLoader } from './model-loader';
import type { EngineMessage, EngineRequest } from './protocol';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: EngineMessage): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

const loader = new ModelLoader();
const engine = new Engine(loader, send);

async function handle(req: EngineRequest): Promise<void> {
  try {
    switch (req.type) {
      case 'inspect':
        send({ type: 'result', id: req.id, ok: true, value: await engine.inspect(req.path, req.modelId, req.provider, req.dtype) });
        return;
      case 'run': {
        // The run streams its own messages; the result only acknowledges the end.
        const outcome = await engine.run(req.runId, req.request, req.models, req.dtypes, req.setup);
        send({ type: 'result', id: req.id, ok: true, value: { status: outcome.status } });
        return;
      }
      case 'cancel':
        engine.cancel(req.runId);
        send({ type: 'result', id: req.id, ok: true, value: null });
        return;
      case 'call':
        send({ type: 'result', id: req.id, ok: true, value: await callEngineFunction(engine, loader, req.name, req.args, req.models, (done, total) => send({ type: 'progress', id: req.id, done, total })) });
        return;
      case 'shutdown':
        send({ type: 'result', id: req.id, ok: true, value: null });
        setTimeout(() => process.exit(0), 10);
        return;
    }
  } catch (err) {
    send({ type: 'result', id: req.id, ok: false, error: toErrorPayload(err) });
  }
}

// Requests are handled concurrently: a cancel must reach a run that is still going. onnxruntime
// yields between passes (run() resolves through setImmediate), so a long run does not starve them.
const onMessage = (data: unknown) => void handle(data as EngineRequest);
if (parentPort) parentPort.on('message', (e) => onMessage(e.data));
else process.on('message', onMessage);
process.on('uncaughtException', (err) => {
  send({ type: 'log', level: 'error', message: `engine: ${err.stack ?? err.message}` });
  process.exit(1);
});
send({ type: 'ready', pid: process.pid });
