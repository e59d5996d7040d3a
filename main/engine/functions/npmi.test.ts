// nPMI on a hand-built routing table (6 tokens, 2 MoE layers of 3 experts, 2 marker tokens), against
// values computed by hand from the definitions:
//   layer 0, expert 0: p(x,E) = 2/6, p(x) = 2/6, p(E) = 3/6 -> PMI = log2 2 = 1, nPMI = 1 / log2 3
//   layer 0, expert 1: p(x,E) = 1/6, p(E) = 5/6 -> PMI = log2 0.6, nPMI = log2 0.6 / log2 6
//   layer 0, expert 2: p(x,E) = 1/6, p(E) = 4/6 -> PMI = log2 0.75, nPMI = log2 0.75 / log2 6
//   layer 1, expert 2: p(x,E) = 2/6 = p(x) = p(E) -> PMI = log2 3, nPMI = 1
//   layer 1, experts 0 and 1: never on a marker -> undefined (null)
import { describe, expect, it } from 'vitest';
import { NpmiCounts, markerPositions, npmi, npmiPerMarker, npmiTable } from './npmi';

const table = [
  { marker: true, experts: [[0, 1], [2]] },
  { marker: false, experts: [[1, 2], [0]] },
  { marker: true, experts: [[0, 2], [2]] },
  { marker: false, experts: [[1, 2], [1]] },
  { marker: false, experts: [[0, 1], [0]] },
  { marker: false, experts: [[1, 2], [1]] },
];

describe('nPMI', () => {
  it('matches hand-computed values on a hand-built routing table', () => {
    const counts = new NpmiCounts(2, 3);
    for (const t of table) counts.add(t);
    expect(counts.tokens).toBe(6);
    expect(counts.markers).toBe(2);
    const r = npmiTable(counts, 2);
    expect(r.npmi[0]![0]).toBeCloseTo(0.6309297535714575, 12);
    expect(r.npmi[0]![1]).toBeCloseTo(-0.2850972089384688, 12);
    expect(r.npmi[0]![2]).toBeCloseTo(-0.16055842170362478, 12);
    expect(r.npmi[1]![2]).toBeCloseTo(1, 12);
    expect(r.npmi[1]![0]).toBeNull();
    expect(r.npmi[1]![1]).toBeNull();
    expect(r.frequency[0]).toEqual([3 / 6, 5 / 6, 4 / 6]);
    expect(r.frequency[1]).toEqual([2 / 6, 2 / 6, 2 / 6]);
    expect(r.top.map(({ layer, expert }) => [layer, expert])).toEqual([
      [1, 2],
      [0, 0],
    ]);
    expect(r.top[1]!.npmi).toBeCloseTo(0.6309297535714575, 12);
  });

  it('is 1 for total association, null without co-occurrence, and 0 for independence', () => {
    expect(npmi(1, 1, 1)).toBe(1);
    expect(npmi(0, 0.5, 0.5)).toBeNull();
    expect(npmi(0.25, 0.5, 0.5)).toBeCloseTo(0, 12);
    expect(npmi(0.5, 0.5, 0.5)).toBeCloseTo(1, 12);
  });

  it('marks the marker tokens, or the whole thinking span', () => {
    const ids = [9, 5, 7, 7, 6, 8, 1];
    expect(markerPositions(ids, [[5], [6]], 'tokens')).toEqual([false, true, false, false, true, false, false]);
    expect(markerPositions(ids, [[5], [6]], 'span')).toEqual([false, true, true, true, true, false, false]);
    expect(markerPositions([3, 4, 2, 3, 4], [[3, 4]], 'tokens')).toEqual([true, true, false, true, true]);
  });
});

describe('nPMI per thinking token (the paper) vs pooled', () => {
  it('scores each pair by its best marker: an expert tied to one rare marker ranks first per token, not pooled', () => {
    // Two markers: A (1 token in 10) always routed to expert 1; B (4 in 10) routed to expert 2 three times in four.
    const per = [new NpmiCounts(1, 4), new NpmiCounts(1, 4)];
    const pooled = new NpmiCounts(1, 4);
    const tokens: { e: number; m: 'A' | 'B' | null }[] = [
      { e: 1, m: 'A' },
      { e: 2, m: 'B' },
      { e: 2, m: 'B' },
      { e: 2, m: 'B' },
      { e: 3, m: 'B' },
      { e: 2, m: null },
      { e: 0, m: null },
      { e: 0, m: null },
      { e: 3, m: null },
      { e: 0, m: null },
    ];
    for (const t of tokens) {
      pooled.add({ experts: [[t.e]], marker: t.m !== null });
      per[0]!.add({ experts: [[t.e]], marker: t.m === 'A' });
      per[1]!.add({ experts: [[t.e]], marker: t.m === 'B' });
    }
    const perToken = npmiPerMarker(per, 1);
    expect(perToken.top[0]).toMatchObject({ layer: 0, expert: 1, npmi: 1 });
    expect(perToken.npmi[0]![1]).toBe(1);
    expect(npmiTable(pooled, 1).top[0]!.expert).toBe(2);
  });
});
