// Token-stream differences between compared runs: each run's tokens aligned against a reference run
// by their longest common subsequence (token texts), so a token is "same" when it is part of that
// common subsequence and "diff" otherwise (inserted, or replacing the reference's). Also the first
// position where two streams part. Quadratic in the lengths, so long streams are capped.
//
// Pure: no React, no API.

/** Tokens longer than this (per run) are compared position by position instead of aligned. */
export const MAX_ALIGNED_TOKENS = 3000;

export type TokenMark = 'same' | 'diff';

export interface StreamDiff {
  /** One mark per token of the compared stream. */
  marks: TokenMark[];
  /** Tokens of the compared stream in the common subsequence. */
  common: number;
  /** First token index where the stream differs from the reference (null when identical). */
  firstDivergence: number | null;
  /** True when the streams were too long to align and were compared position by position. */
  positional: boolean;
}

/** Marks of `b`'s tokens against the reference `a` (texts compared exactly). */
export function diffAgainst(a: readonly string[], b: readonly string[]): StreamDiff {
  const firstDivergence = firstDifference(a, b);
  if (a.length > MAX_ALIGNED_TOKENS || b.length > MAX_ALIGNED_TOKENS) {
    const marks = b.map((t, i): TokenMark => (a[i] === t ? 'same' : 'diff'));
    return { marks, common: marks.filter((m) => m === 'same').length, firstDivergence, positional: true };
  }
  // Shared prefix and suffix are common for sure; align only the middle.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  const marks: TokenMark[] = b.map(() => 'same');
  if (m > 0) {
    // lcs[i][j]: LCS length of a[start+i..endA) and b[start+j..endB), row-major (n+1) x (m+1).
    const w = m + 1;
    const lcs = new Uint16Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (j < m) {
      if (i < n && a[start + i] === b[start + j]) {
        i++;
        j++;
      } else if (i < n && lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) {
        i++;
      } else {
        marks[start + j] = 'diff';
        j++;
      }
    }
  }
  return { marks, common: marks.filter((x) => x === 'same').length, firstDivergence, positional: false };
}

/** First index where the two streams differ (a length difference counts), or null when equal. */
export function firstDifference(a: readonly string[], b: readonly string[]): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? null : n;
}

/**
 * Every stream's marks: the reference (index 0) against each other stream (a reference token is
 * "diff" when some other stream lacks it), the others against the reference.
 */
export function diffStreams(streams: readonly (readonly string[])[]): StreamDiff[] {
  const ref = streams[0] ?? [];
  const others = streams.slice(1).map((s) => diffAgainst(ref, s));
  const refMarks: TokenMark[] = ref.map(() => 'same');
  let refFirst: number | null = null;
  for (const s of streams.slice(1)) {
    const back = diffAgainst(s, ref);
    back.marks.forEach((mk, i) => {
      if (mk === 'diff') refMarks[i] = 'diff';
    });
    if (back.firstDivergence !== null) refFirst = refFirst === null ? back.firstDivergence : Math.min(refFirst, back.firstDivergence);
  }
  const refDiff: StreamDiff = {
    marks: refMarks,
    common: refMarks.filter((x) => x === 'same').length,
    firstDivergence: refFirst,
    positional: ref.length > MAX_ALIGNED_TOKENS || streams.slice(1).some((s) => s.length > MAX_ALIGNED_TOKENS),
  };
  return streams.length === 0 ? [] : [refDiff, ...others];
}
