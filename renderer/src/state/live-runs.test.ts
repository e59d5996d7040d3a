// The live-run store under a fast stream: events from the host land in the store once per frame,
// complete and in order, and a 1,000 tokens/s run costs about one store update (one React commit
// of a subscribed view) per frame.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiEventName } from '@app/api';
import type { WorkbenchClient } from '@app/client';
import type { TokenEvent } from '@app/events';
import type { RunRequest } from '@app/runs';
import type { FrameScheduler } from './frame-batcher';
import { applyRunEvents, connectLiveRuns, useLiveRuns } from './live-runs';

type Listener = (payload: unknown) => void;

/** A client whose pushed events the test emits by hand. */
function fakeClient(): { client: WorkbenchClient; emit: (event: ApiEventName, payload: unknown) => void } {
  const listeners = new Map<string, Set<Listener>>();
  const client = {
    call: () => Promise.reject(new Error('not used')),
    on: (event: string, listener: Listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  } as unknown as WorkbenchClient;
  return { client, emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)) };
}

function manualFrames(): { schedule: FrameScheduler; fire: () => void } {
  let queue: (() => void)[] = [];
  return {
    schedule: (cb) => queue.push(cb),
    fire: () => {
      const run = queue;
      queue = [];
      for (const cb of run) cb();
    },
  };
}

const request = {
  prompt: { kind: 'text', text: 'hi' },
  config: { method: 'autoregressive', models: { model: { model: 'base', provider: 'cpu' } }, params: {}, sampling: { temperature: 0, topK: 0, topP: 1, seed: 0, maxNewTokens: 2000, stop: [], ignoreEos: false, topLogprobs: 5 } },
  tags: [],
} as RunRequest;

function token(index: number): TokenEvent {
  return { kind: 'token', index, id: index % 700, text: `t${index}`, logprob: -0.1, entropy: 0.5, top: [], tMs: index, source: 'target' };
}

beforeEach(() => useLiveRuns.setState({ runs: {} }));

describe('live runs', () => {
  it('applies 1,000 synchronously pushed events in one flush per frame, all in order', () => {
    const frames = manualFrames();
    const { client, emit } = fakeClient();
    const disconnect = connectLiveRuns(client, frames.schedule);
    let updates = 0;
    const unsubscribe = useLiveRuns.subscribe(() => updates++);

    emit('run.started', { runId: 'r1', request, promptTokens: 7 });
    for (let i = 0; i < 1000; i++) emit('run.events', { runId: 'r1', events: [token(i)] });
    expect(updates).toBe(0);
    frames.fire();
    expect(updates).toBe(1);
    const run = useLiveRuns.getState().runs.r1!;
    expect(run.tokens.map((t) => t.index)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(run.events).toHaveLength(1000);
    expect(run.status).toBe('running');
    expect(run.fromStart).toBe(true);
    expect(run.version).toBe(1);
    unsubscribe();
    disconnect();
  });

  it('costs about one store update per frame at 1,000 tokens/s', () => {
    const frames = manualFrames();
    const { client, emit } = fakeClient();
    const disconnect = connectLiveRuns(client, frames.schedule);
    let updates = 0;
    const unsubscribe = useLiveRuns.subscribe(() => updates++);
    emit('run.started', { runId: 'r2', request, promptTokens: 7 });

    // One simulated second: a token every millisecond, the host batching every 16 ms (as
    // main/host/event-hub.ts does) and the display refreshing at 60 Hz.
    let hostBatch: TokenEvent[] = [];
    let nextFrame = 1000 / 60;
    for (let ms = 1; ms <= 1000; ms++) {
      hostBatch.push(token(ms - 1));
      if (ms % 16 === 0 || ms === 1000) {
        emit('run.events', { runId: 'r2', events: hostBatch });
        hostBatch = [];
      }
      if (ms >= nextFrame) {
        frames.fire();
        nextFrame += 1000 / 60;
      }
    }
    frames.fire();
    const run = useLiveRuns.getState().runs.r2!;
    expect(run.tokens).toHaveLength(1000);
    expect(run.tokens.every((t, i) => t.index === i)).toBe(true);
    // 63 host batches (62 full, 1 partial) over 60 frames: never more than one update per frame.
    expect(updates).toBeLessThanOrEqual(61);
    expect(updates).toBeGreaterThanOrEqual(55);
    unsubscribe();
    disconnect();
  });

  it('keeps arrays append-only across versions and records the end', () => {
    let runs = applyRunEvents({}, [{ type: 'started', payload: { runId: 'a', request, promptTokens: 3 } }]);
    const first = runs.a!;
    runs = applyRunEvents(runs, [{ type: 'events', payload: { runId: 'a', events: [token(0), token(1)] } }]);
    const second = runs.a!;
    expect(second).not.toBe(first);
    expect(second.tokens).toBe(first.tokens);
    expect(second.version).toBe(first.version + 1);
    runs = applyRunEvents(runs, [
      { type: 'finished', payload: { runId: 'a', status: 'cancelled', output: 't0t1', metrics: null, error: null } },
    ]);
    expect(runs.a).toMatchObject({ status: 'cancelled', output: 't0t1' });
    expect(runs.a!.tokens).toHaveLength(2);
  });

  it('treats a run that fails before starting as complete', () => {
    const runs = applyRunEvents({}, [
      { type: 'finished', payload: { runId: 'f', status: 'failed', output: '', metrics: null, error: { code: 'context_overflow', message: 'too long' } } },
    ]);
    expect(runs.f).toMatchObject({ status: 'failed', fromStart: true, error: { code: 'context_overflow' } });
  });
});
