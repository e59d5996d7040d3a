import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TraceEvent } from '@app/events';
import type { Database } from './db';
import { createRun } from './runs';
import { at, fullTrace, runRequest, tempDb, tokenEvent } from './test-fixtures';
import { outputFromTokens, readTrace, tokenCount, TraceWriter } from './trace';

let t: ReturnType<typeof tempDb>;
let db: Database;
beforeEach(() => {
  t = tempDb();
  db = t.db;
  createRun(db, { id: 'r', request: runRequest(), createdAt: at(0), seed: 0, models: ['base'] });
});
afterEach(() => t.cleanup());

describe('TraceWriter and readTrace', () => {
  it('restore every event kind exactly, in recording order', () => {
    const trace = fullTrace();
    expect(new Set(trace.map((e) => e.kind))).toEqual(new Set(['token', 'prefill', 'draft_round', 'switch', 'step', 'route', 'note']));
    const writer = new TraceWriter(db, 'r');
    writer.appendAll(trace);
    expect(writer.count).toBe(trace.length);

    const back = readTrace(db, 'r');
    expect(back).toEqual(trace);
    expect(z.array(TraceEvent).parse(back)).toEqual(trace);
    // No stray keys (e.g. undefined optional fields) survive the round trip either.
    expect(JSON.stringify(back)).toBe(JSON.stringify(trace));
  });

  it('keeps tokens in run_token and everything else in run_event, with one seq counter', () => {
    new TraceWriter(db, 'r').appendAll(fullTrace());
    const tokens = db.prepare("SELECT seq, idx FROM run_token WHERE run_id = 'r' ORDER BY seq").all() as { seq: number; idx: number }[];
    const events = db.prepare("SELECT seq, kind, token_index FROM run_event WHERE run_id = 'r' ORDER BY seq").all() as {
      seq: number;
      kind: string;
      token_index: number | null;
    }[];
    expect(tokens.map((r) => r.idx)).toEqual([0, 1, 2, 3, 4]);
    expect(events.map((e) => e.kind)).not.toContain('token');
    expect([...tokens.map((r) => r.seq), ...events.map((e) => e.seq)].sort((a, b) => a - b)).toEqual([...Array(tokens.length + events.length).keys()]);
    expect(events.find((e) => e.kind === 'switch')!.token_index).toBe(4);
    expect(events.find((e) => e.kind === 'prefill')!.token_index).toBeNull();
  });

  it('filters by kind', () => {
    const trace = fullTrace();
    new TraceWriter(db, 'r').appendAll(trace);
    expect(readTrace(db, 'r', ['draft_round'])).toEqual(trace.filter((e) => e.kind === 'draft_round'));
    expect(readTrace(db, 'r', ['token', 'note'])).toEqual(trace.filter((e) => e.kind === 'token' || e.kind === 'note'));
    expect(readTrace(db, 'r', [])).toEqual([]);
    expect(readTrace(db, 'r', ['bogus'])).toEqual([]);
  });

  it('continues the seq counter of a run that already has events', () => {
    new TraceWriter(db, 'r').appendAll([tokenEvent(0), { kind: 'note', level: 'info', message: 'a' }]);
    const resumed = new TraceWriter(db, 'r');
    expect(resumed.count).toBe(2);
    resumed.append(tokenEvent(1));
    expect(readTrace(db, 'r').map((e) => e.kind)).toEqual(['token', 'note', 'token']);
  });

  it('rejects a duplicate token index without advancing', () => {
    const writer = new TraceWriter(db, 'r');
    writer.append(tokenEvent(0));
    expect(() => writer.append(tokenEvent(0))).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(writer.count).toBe(1);
  });

  it('refuses events of a run that does not exist', () => {
    expect(() => new TraceWriter(db, 'ghost').append(tokenEvent(0))).toThrow(/FOREIGN KEY/);
  });

  it('rebuilds output text and counts tokens', () => {
    new TraceWriter(db, 'r').appendAll([tokenEvent(0), { kind: 'note', level: 'info', message: 'x' }, tokenEvent(1), tokenEvent(2)]);
    expect(outputFromTokens(db, 'r')).toBe('t0 t1 t2 ');
    expect(tokenCount(db, 'r')).toBe(3);
    expect(outputFromTokens(db, 'none')).toBe('');
  });

  it('appends a long token stream quickly, one transaction per event', () => {
    const writer = new TraceWriter(db, 'r');
    const events = Array.from({ length: 2000 }, (_, i) => tokenEvent(i));
    const start = performance.now();
    for (const e of events) writer.append(e);
    const perEventUs = ((performance.now() - start) / events.length) * 1000;
    console.log(`TraceWriter.append: ${perEventUs.toFixed(1)} µs per token event (WAL, synchronous=NORMAL)`);
    expect(readTrace(db, 'r')).toHaveLength(2000);
    expect(perEventUs).toBeLessThan(2000);
  });
});
