import { describe, expect, it } from 'vitest';
import type { ResultCell } from '@app/experiments';
import { buildMatrixRows, itemCompareRunIds, runIdsOf } from './matrix-rows';

const item = (id: string) => ({ id, question: `q ${id}`, answer: '14', metadata: {} });
const cell = (itemId: string, arm: string, sample: number, correct: boolean | null, answer: string | null, status = 'completed'): ResultCell => ({
  itemId,
  armId: arm,
  arm,
  sample,
  runId: `${itemId}/${arm}/${sample}`,
  status,
  correct,
  answer,
  latencyMs: 10 + sample,
  newTokens: 5,
});

describe('buildMatrixRows', () => {
  const results = {
    items: [item('a'), item('b'), item('c')],
    cells: [
      cell('a', 'AR', 1, false, '13'),
      cell('a', 'AR', 0, true, '14'),
      cell('a', 'SD', 0, true, '14'),
      cell('a', 'SD', 1, false, '13'),
      cell('b', 'AR', 0, true, '14'),
      cell('b', 'SD', 0, false, '12'),
      cell('b', 'SD', 1, null, null, 'running'),
    ],
  };

  it('groups cells per item and arm, samples in order, with counts and the majority answer', () => {
    const rows = buildMatrixRows(results, ['AR', 'SD'], false);
    expect(rows.map((r) => r.item.id)).toEqual(['a', 'b', 'c']);
    const a = rows[0]!.arms.AR!;
    expect(a.cells.map((c) => c.sample)).toEqual([0, 1]);
    expect(a).toMatchObject({ graded: 2, correct: 1, majority: { answer: '14', correct: true }, meanLatencyMs: 10.5 });
    // The running sample is not graded yet.
    expect(rows[1]!.arms.SD).toMatchObject({ graded: 1, correct: 0 });
    expect(rows[2]!.arms.AR).toMatchObject({ cells: [], graded: 0, majority: null, meanLatencyMs: null });
  });

  it('keeps only the items where arms disagree with differencesOnly', () => {
    const rows = buildMatrixRows(results, ['AR', 'SD'], true);
    expect(rows.map((r) => [r.item.id, r.index])).toEqual([['b', 1]]);
    expect(runIdsOf(rows)).toEqual(['b/AR/0', 'b/SD/0', 'b/SD/1']);
  });
});

describe('itemCompareRunIds', () => {
  it("takes each arm's first sample in arm order, skipping arms without a run", () => {
    const rows = buildMatrixRows(
      { items: [item('a')], cells: [cell('a', 'SD', 1, true, '14'), cell('a', 'AR', 0, true, '14'), cell('a', 'SD', 0, false, '13')] },
      ['AR', 'SD', 'EAD'],
      false,
    );
    expect(itemCompareRunIds(rows[0]!, ['AR', 'SD', 'EAD'])).toEqual(['a/AR/0', 'a/SD/0']);
    expect(itemCompareRunIds(rows[0]!, ['AR', 'SD'], 1)).toEqual(['a/AR/0']);
  });
});
