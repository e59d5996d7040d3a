import { describe, expect, it } from 'vitest';
import type { ExperimentResults, ResultCell } from '@app/experiments';
import { experimentRunInfo } from './experiment-lookup';

const cell = (itemId: string, arm: string, sample: number, latencyMs: number | null): ResultCell => ({
  itemId,
  armId: arm,
  arm,
  sample,
  runId: `${itemId}/${arm}/${sample}`,
  status: 'completed',
  correct: true,
  answer: '1',
  latencyMs,
  newTokens: 4,
});

describe('experimentRunInfo', () => {
  const results = {
    experiment: {
      id: 'e1',
      createdAt: '',
      status: 'completed',
      done: 4,
      total: 4,
      spec: { name: 'speed', datasetId: 'd', samplesPerItem: 2, baseSeed: 0, arms: [{ id: 'AR', label: 'AR', baseline: true, config: { method: 'autoregressive' } }, { id: 'SD', label: 'SD', baseline: false, config: { method: 'chain_sd' } }] },
    },
    items: [
      { id: 'a', question: 'qa', answer: '1', metadata: {} },
      { id: 'b', question: 'qb', answer: '1', metadata: {} },
    ],
    cells: [cell('a', 'AR', 0, 100), cell('a', 'SD', 0, 50), cell('b', 'AR', 1, 90), cell('b', 'SD', 1, 30), cell('b', 'SD', 0, 45)],
  } as unknown as ExperimentResults;

  it('divides the baseline latency of the same item and sample by the run latency', () => {
    const info = experimentRunInfo(results);
    expect(info.get('a/SD/0')).toMatchObject({ experimentName: 'speed', item: 1, speedup: 2, isBaseline: false });
    expect(info.get('b/SD/1')?.speedup).toBe(3);
  });

  it('gives no speedup to the baseline itself or where the baseline sample is missing', () => {
    const info = experimentRunInfo(results);
    expect(info.get('a/AR/0')).toMatchObject({ isBaseline: true, speedup: null, item: 1 });
    expect(info.get('b/SD/0')?.speedup).toBeNull();
  });
});
