// Reconnect delays for the event socket: exponential from 250 ms to 8 s, with jitter so several
// windows do not reconnect in lockstep after the host restarts.

export const BACKOFF_BASE_MS = 250;
export const BACKOFF_MAX_MS = 8000;

/** Delay before reconnect attempt `attempt` (0-based); `random` returns [0, 1). */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  // Full jitter in the upper half keeps a floor so a fast-failing host is not hammered.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
