import { afterAll, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDateTime, formatRelative, formatTime } from './date-format';

// A moment built from local fields, so the expectations hold in any time zone the tests run in.
const local = new Date(2026, 10, 5, 9, 4, 7);
const iso = local.toISOString();

describe('the one date format', () => {
  it('writes local date and time in ISO order, zero-padded, 24 h', () => {
    expect(formatDateTime(iso)).toBe('2026-11-05 09:04:07');
    expect(formatDate(iso)).toBe('2026-11-05');
    expect(formatTime(iso)).toBe('09:04:07');
  });

  it('says missing for nothing and keeps text that is not a date', () => {
    expect(formatDateTime(null)).toBe('–');
    expect(formatDate(undefined)).toBe('–');
    expect(formatDateTime('soon')).toBe('soon');
  });

  it('is relative for recent moments, then the date', () => {
    const t = local.getTime();
    expect(formatRelative(iso, t + 10_000)).toBe('just now');
    expect(formatRelative(iso, t + 5 * 60_000)).toBe('5 min ago');
    expect(formatRelative(iso, t + 3 * 3_600_000)).toBe('3 h ago');
    expect(formatRelative(iso, t + 3 * 86_400_000)).toBe('2026-11-05');
  });
});

describe('local time, not UTC', () => {
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('shows a UTC timestamp in the viewer\'s zone', () => {
    vi.stubEnv('TZ', 'Asia/Kolkata'); // UTC+05:30, no daylight saving
    expect(formatDateTime('2026-11-05T21:34:07Z')).toBe('2026-11-06 03:04:07');
  });
});
