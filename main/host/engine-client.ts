// The host's side of the engine process: starts it through an EngineSpawner (a Node child process
// in serve/CLI mode, an Electron utilityProcess in the app), matches requests with results, routes
// run messages to listeners, and survives the engine's death: pending requests fail with
// engine_crashed, listeners hear about it, and the next request starts a fresh engine.
import type { ErrorPayload } from '@app/errors';
import { WorkbenchError, fromErrorPayload } from '@app/errors';
import type { EngineMessage, EngineRequest } from '../engine/protocol';

/** A running engine process, whatever started it. */
export interface EngineProcess {
  pid: number | null;
  send(message: EngineRequest): void;
  onMessage(listener: (message: EngineMessage) => void): void;
  /** Called once when the process ends, with a human-readable reason. */
  onExit(listener: (reason: string) => void): void;
  kill(): void;
}

export type EngineSpawner = () => EngineProcess;

type Distributive<T> = T extends unknown ? Omit<T, 'id'> : never;
export type EngineCall = Distributive<EngineRequest>;

export type EngineStatus = { status: 'starting' | 'ready' | 'crashed'; pid: number | null; message: string | null };

export class EngineClient {
  private proc: EngineProcess | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; progress?: (done: number, total: number) => void }>();
  private messageListeners = new Set<(m: EngineMessage) => void>();
  private crashListeners = new Set<(reason: string) => void>();
  status: EngineStatus = { status: 'starting', pid: null, message: null };

  constructor(private readonly spawn: EngineSpawner) {}

  /** Every run.* and log message from the engine. */
  onMessage(listener: (m: EngineMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onCrash(listener: (reason: string) => void): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    this.status = { status: 'starting', pid: null, message: null };
    const proc = this.spawn();
    this.proc = proc;
    this.ready = new Promise<void>((resolve, reject) => {
      proc.onMessage((m) => {
        if (m.type === 'ready') {
          this.status = { status: 'ready', pid: m.pid, message: null };
          resolve();
        } else if (m.type === 'result') {
          const p = this.pending.get(m.id);
          if (!p) return;
          this.pending.delete(m.id);
          if (m.ok) p.resolve(m.value);
          else p.reject(fromErrorPayload(m.error as ErrorPayload));
        } else if (m.type === 'progress') {
          this.pending.get(m.id)?.progress?.(m.done, m.total);
        }
        for (const l of this.messageListeners) l(m);
      });
      proc.onExit((reason) => {
        if (this.proc !== proc) return;
        this.proc = null;
        this.ready = null;
        this.status = { status: 'crashed', pid: null, message: reason };
        const err = new WorkbenchError('engine_crashed', `the engine process stopped (${reason}); what was recorded is kept`);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        reject(err);
        for (const l of this.crashListeners) l(reason);
      });
    });
    this.ready.catch(() => undefined);
    return this.ready;
  }

  /**
   * Sends a request and resolves with its result (runs resolve when they end); `progress` hears the
   * progress messages a long engine function sends before its result.
   */
  async call<T = unknown>(request: EngineCall, progress?: (done: number, total: number) => void): Promise<T> {
    await this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress });
      this.proc!.send({ ...request, id } as EngineRequest);
    });
  }

  /** Stops the engine process (on shutdown, or to test crash handling). */
  kill(): void {
    this.proc?.kill();
  }

  async shutdown(): Promise<void> {
    if (!this.proc) return;
    const proc = this.proc;
    await Promise.race([this.call({ type: 'shutdown' }).catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
    proc.kill();
  }
}
