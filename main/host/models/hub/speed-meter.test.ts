// Speed and ETA from byte samples on a caller's clock.
import { describe, expect, it } from 'vitest';
import { SpeedMeter } from './speed-meter';

describe('SpeedMeter', () => {
  it('has no ETA before two samples, then tracks a steady rate and smooths a burst', () => {
    const m = new SpeedMeter(1000);
    expect(m.etaSeconds(1000)).toBeNull();
    m.sample(0, 0);
    m.sample(1000, 1_000_000);
    expect(m.bytesPerSecond()).toBeCloseTo(1_000_000);
    expect(m.etaSeconds(5_000_000)).toBeCloseTo(5);
    m.sample(1050, 9_000_000); // under 100 ms: not a measurement
    expect(m.bytesPerSecond()).toBeCloseTo(1_000_000);
    m.sample(2000, 2_000_000); // measured from the sample at 1000 ms: still 1 MB/s
    expect(m.bytesPerSecond()).toBeCloseTo(1_000_000);
    m.sample(3000, 5_000_000); // 3 MB/s for one second: half-way there with a 1 s half-life
    expect(m.bytesPerSecond()).toBeCloseTo(2_000_000);
    expect(m.etaSeconds(0)).toBe(0);
  });
});
