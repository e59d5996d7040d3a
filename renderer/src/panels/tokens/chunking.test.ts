// Chunk and section boundaries: they cover every token once, end on line breaks where they can,
// and do not move as the stream grows.
import { describe, expect, it } from 'vitest';
import { CHUNK_MAX, SECTION_MAX, chunkRanges, sectionRanges } from './chunking';

function stream(n: number, newlineEvery: number | null): { text: string }[] {
  return Array.from({ length: n }, (_, i) => ({ text: newlineEvery && (i + 1) % newlineEvery === 0 ? '\n' : `t${i}` }));
}

function covers(ranges: { start: number; end: number }[], n: number): boolean {
  return ranges.every((r, i) => r.start < r.end && r.start === (i === 0 ? 0 : ranges[i - 1]!.end)) && (ranges.at(-1)?.end ?? 0) === n;
}

describe('token stream chunking', () => {
  it('covers all tokens and caps chunk size', () => {
    const tokens = stream(5000, null);
    const chunks = chunkRanges(tokens, 0, tokens.length);
    expect(covers(chunks, 5000)).toBe(true);
    expect(Math.max(...chunks.map((c) => c.end - c.start))).toBe(CHUNK_MAX);
  });

  it('ends sections on line breaks', () => {
    const tokens = stream(3000, 20);
    const sections = sectionRanges(tokens, tokens.length);
    expect(covers(sections, 3000)).toBe(true);
    for (const s of sections.slice(0, -1)) expect(tokens[s.end - 1]!.text).toContain('\n');
  });

  it('forces a section break only in very long text without line breaks', () => {
    const tokens = stream(SECTION_MAX * 2 + 10, null);
    const sections = sectionRanges(tokens, tokens.length);
    expect(sections.map((s) => s.end - s.start)).toEqual([SECTION_MAX, SECTION_MAX, 10]);
  });

  it('keeps earlier boundaries when the stream grows', () => {
    const tokens = stream(4000, 7);
    for (let n = 1; n < 4000; n += 97) {
      const before = sectionRanges(tokens, n).slice(0, -1);
      const after = sectionRanges(tokens, 4000);
      expect(after.slice(0, before.length)).toEqual(before);
    }
  });
});
