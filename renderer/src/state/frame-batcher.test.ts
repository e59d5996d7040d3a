// The per-frame batching contract: however many events arrive within a frame, the consumer gets
// one flush with all of them, in arrival order.
import { describe, expect, it } from 'vitest';
import type { FrameScheduler } from './frame-batcher';
import { FrameBatcher } from './frame-batcher';

/** A scheduler whose frames the test fires by hand. */
function manualFrames(): { schedule: FrameScheduler; fire: () => number; pending: () => number } {
  let queue: (() => void)[] = [];
  return {
    schedule: (cb) => queue.push(cb),
    fire: () => {
      const run = queue;
      queue = [];
      for (const cb of run) cb();
      return run.length;
    },
    pending: () => queue.length,
  };
}

describe('FrameBatcher', () => {
  it('delivers 1,000 synchronously pushed items in one flush, in order', () => {
    const frames = manualFrames();
    const flushes: number[][] = [];
    const batcher = new FrameBatcher<number>((items) => flushes.push(items), frames.schedule);
    for (let i = 0; i < 1000; i++) batcher.push(i);
    expect(flushes).toHaveLength(0);
    expect(frames.pending()).toBe(1);
    frames.fire();
    expect(flushes).toHaveLength(1);
    expect(flushes[0]).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('schedules one frame per batch and nothing when idle', () => {
    const frames = manualFrames();
    const flushes: number[][] = [];
    const batcher = new FrameBatcher<number>((items) => flushes.push(items), frames.schedule);
    batcher.push(1);
    batcher.push(2);
    frames.fire();
    expect(frames.fire()).toBe(0);
    batcher.push(3);
    frames.fire();
    expect(flushes).toEqual([[1, 2], [3]]);
    expect(batcher.flushCount).toBe(2);
  });
});
