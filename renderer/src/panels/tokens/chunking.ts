// How the token stream is split for rendering. Chunks (inline, memoized) bound React's work while
// streaming; sections (blocks, skipped by the browser while off-screen) group chunks and end only
// where the text itself breaks a line, so block boundaries never show as extra line breaks.
// Boundaries depend only on earlier tokens, so they stay put as a stream grows.

export interface TextToken {
  text: string;
}

export interface Range {
  start: number;
  end: number;
}

/** A chunk ends after a newline token once it has this many tokens... */
export const CHUNK_MIN = 16;
/** ...and in any case at this size. */
export const CHUNK_MAX = 256;
/** A section ends after a chunk that ends a line once it has this many tokens... */
export const SECTION_MIN = 128;
/** ...or, in text without line breaks, at this size (the one place a visible break may appear). */
export const SECTION_MAX = 4096;

function endsLine(t: TextToken | undefined): boolean {
  return t !== undefined && t.text.includes('\n');
}

/** Chunk ranges covering [start, end); the last one may still grow. */
export function chunkRanges(tokens: readonly TextToken[], start: number, end: number): Range[] {
  const out: Range[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    const length = i - s + 1;
    if ((length >= CHUNK_MIN && endsLine(tokens[i])) || length >= CHUNK_MAX) {
      out.push({ start: s, end: i + 1 });
      s = i + 1;
    }
  }
  if (s < end) out.push({ start: s, end });
  return out;
}

/** Section ranges covering [0, count); sections start and end on chunk boundaries. */
export function sectionRanges(tokens: readonly TextToken[], count: number): Range[] {
  const out: Range[] = [];
  let sectionStart = 0;
  for (const chunk of chunkRanges(tokens, 0, count)) {
    const length = chunk.end - sectionStart;
    const size = chunk.end - chunk.start;
    // The tail chunk counts as closed only if the chunking rule itself ended it.
    const closed = chunk.end < count || (size >= CHUNK_MIN && endsLine(tokens[chunk.end - 1])) || size >= CHUNK_MAX;
    if (closed && ((length >= SECTION_MIN && endsLine(tokens[chunk.end - 1])) || length >= SECTION_MAX)) {
      out.push({ start: sectionStart, end: chunk.end });
      sectionStart = chunk.end;
    }
  }
  if (sectionStart < count) out.push({ start: sectionStart, end: count });
  return out;
}
