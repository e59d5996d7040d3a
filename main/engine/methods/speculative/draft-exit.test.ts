import { describe, expect, it } from 'vitest';
import { AdaptiveDraftExit, DRAFT_EXIT_DEFAULTS } from './draft-exit';

describe("DEL's adaptive draft exiting", () => {
  it('starts at 0.5 and stops drafting below the threshold', () => {
    const d = new AdaptiveDraftExit();
    expect(d.threshold).toBe(0.5);
    expect(d.stops(0.49)).toBe(true);
    expect(d.stops(0.5)).toBe(false);
  });

  it('rises after poorly matched rounds, falls after well matched ones, holds after a full-length draft', () => {
    const poor = new AdaptiveDraftExit();
    poor.update(1, 4, 6);
    // match 0.5 * 0 + 0.5 * 0.25 <= 0.9: threshold 0.9 * 0.5 + 0.1 * 0.51
    expect(poor.threshold).toBeCloseTo(0.9 * 0.5 + 0.1 * (0.5 + DRAFT_EXIT_DEFAULTS.step), 12);
    const good = new AdaptiveDraftExit();
    for (let i = 0; i < 40; i++) good.update(4, 4, 6);
    expect(good.threshold).toBeLessThan(0.5);
    const full = new AdaptiveDraftExit();
    full.update(0, 6, 6);
    expect(full.threshold).toBe(0.5);
  });
});
