// Live speed figures computed from the events of a running run, the same way the engine computes
// its final metrics (TTFT from run start to the first token; decode rate over tokens after the
// first; prefill rate of the first model to prefill), so the numbers do not jump at the end.
import type { TokenEvent, TraceEvent } from '@app/events';

export interface LiveStats {
  tokens: number;
  ttftMs: number | null;
  prefillTokensPerS: number | null;
  decodeTokensPerS: number | null;
  /** Time of the latest token since the run started (ms). */
  elapsedMs: number | null;
}

/** Stats from the events so far; O(events before the first token). */
export function liveStats(events: readonly TraceEvent[], tokens: readonly TokenEvent[]): LiveStats {
  const n = tokens.length;
  const first = tokens[0];
  const last = tokens[n - 1];
  let prefillRole: string | null = null;
  let prefillTokens = 0;
  let prefillMs = 0;
  for (const e of events) {
    if (e.kind === 'token') break;
    if (e.kind !== 'prefill') continue;
    prefillRole ??= e.role;
    if (e.role !== prefillRole) continue;
    prefillTokens += e.tokens;
    prefillMs += e.ms;
  }
  const decodeSpan = first && last ? last.tMs - first.tMs : 0;
  return {
    tokens: n,
    ttftMs: first ? first.tMs : null,
    prefillTokensPerS: prefillMs > 0 ? (prefillTokens / prefillMs) * 1000 : null,
    decodeTokensPerS: n > 1 && decodeSpan > 0 ? ((n - 1) / decodeSpan) * 1000 : null,
    elapsedMs: last ? last.tMs : null,
  };
}
