// The per-sample list of a repeated-sampling run, from its `sample` events: one row per sample in
// index order, and the tallies the panel's header shows (samples, distinct answers, correct ones
// where graded, the selected sample, the answer the majority chose).

import type { SampleEvent } from '@app/events';

export interface SampleTotals {
  samples: number;
  /** Distinct answers (trimmed, case-folded, as the vote counts them); samples without an answer left out. */
  distinctAnswers: number;
  /** Samples graded correct; null when no sample was graded (a Playground prompt). */
  correct: number | null;
  /** Votes for each answer, most first (ties: the answer reached first). */
  votes: { answer: string; count: number }[];
  selected: SampleEvent | null;
}

/** The run's samples in index order. */
export function samplesOf(events: readonly { kind: string }[], count = events.length): SampleEvent[] {
  const out: SampleEvent[] = [];
  for (let i = 0; i < count; i++) {
    const e = events[i]!;
    if (e.kind === 'sample') out.push(e as SampleEvent);
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The header's tallies. */
export function sampleTotals(samples: readonly SampleEvent[]): SampleTotals {
  const votes = new Map<string, { answer: string; count: number; first: number }>();
  for (const s of samples) {
    if (s.answer === null || s.answer.trim() === '') continue;
    const key = s.answer.trim().toLowerCase();
    const v = votes.get(key);
    if (v) v.count++;
    else votes.set(key, { answer: s.answer.trim(), count: 1, first: s.index });
  }
  const graded = samples.filter((s) => s.correct !== null);
  return {
    samples: samples.length,
    distinctAnswers: votes.size,
    correct: graded.length > 0 ? graded.filter((s) => s.correct).length : null,
    votes: [...votes.values()].sort((a, b) => b.count - a.count || a.first - b.first).map(({ answer, count }) => ({ answer, count })),
    selected: samples.find((s) => s.selected) ?? null,
  };
}

/** The row index focus moves to for a key (ArrowUp/Down, Home/End), or null for any other key. */
export function nextRow(key: string, current: number, rows: number): number | null {
  if (rows === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(rows - 1, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return rows - 1;
    default:
      return null;
  }
}
