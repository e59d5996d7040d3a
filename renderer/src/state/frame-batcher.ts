// Per-frame batching of incoming items: producers push as fast as events arrive (a 1,000 tokens/s
// run delivers ~60 host batches a second), and the consumer sees at most one flush per animation
// frame with everything since the last one, in order. This is what keeps React to one commit per
// frame however fast a method generates.

/** Schedules a callback for the next frame. */
export type FrameScheduler = (callback: () => void) => void;

/**
 * requestAnimationFrame, raced with a timer: background tabs get no frames, and a run must still
 * finish (and free its buffer) while the window is hidden.
 */
export const animationFrameScheduler: FrameScheduler = (callback) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    callback();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 250);
};

/** Buffers items and hands them to a consumer at most once per frame, in order. */
export class FrameBatcher<T> {
  private buffer: T[] = [];
  private scheduled = false;
  /** Flushes so far (for measurements and tests). */
  flushCount = 0;

  constructor(
    private readonly onFlush: (items: T[]) => void,
    private readonly schedule: FrameScheduler = animationFrameScheduler,
  ) {}

  /** Queues one item; the first item of a frame schedules the flush. */
  push(item: T): void {
    this.buffer.push(item);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Items waiting for the next flush. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Hands everything queued to the consumer now (no-op when empty). */
  flush(): void {
    this.scheduled = false;
    if (this.buffer.length === 0) return;
    const items = this.buffer;
    this.buffer = [];
    this.flushCount++;
    this.onFlush(items);
  }
}
