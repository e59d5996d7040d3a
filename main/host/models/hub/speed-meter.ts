// Download speed and time left: an exponentially weighted rate over the samples of the last seconds,
// so one slow or fast burst does not swing the ETA. Time comes from the caller (testable without a clock).

export class SpeedMeter {
  private last: { t: number; bytes: number } | null = null;
  private rate = 0;

  /** @param halfLifeMs how long it takes an old rate to count half as much as a new one */
  constructor(private readonly halfLifeMs = 3000) {}

  /** Records the total bytes done at time `t` (ms). */
  sample(t: number, bytes: number): void {
    if (!this.last) {
      this.last = { t, bytes };
      return;
    }
    const dt = t - this.last.t;
    if (dt < 100) return; // too short to measure; keep the earlier sample as the start
    const instant = ((bytes - this.last.bytes) * 1000) / dt;
    const keep = this.rate === 0 ? 0 : 0.5 ** (dt / this.halfLifeMs);
    this.rate = keep * this.rate + (1 - keep) * Math.max(0, instant);
    this.last = { t, bytes };
  }

  /** Bytes per second (0 until two samples are 100 ms apart). */
  bytesPerSecond(): number {
    return this.rate;
  }

  /** Seconds to download `remaining` bytes at the current rate; null while the rate is unknown. */
  etaSeconds(remaining: number): number | null {
    if (remaining <= 0) return 0;
    return this.rate > 0 ? remaining / this.rate : null;
  }
}
