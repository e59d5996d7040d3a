// 'rice.calibrate' through the engine's function table on the embedded MoE model: a table of the
// right shape whose frequencies add up to top-k per layer, top experts ranked by nPMI, and the top
// experts left in engine state for RICE runs that name none.
import { describe, expect, it } from 'vitest';
import { generateSuite } from '@app/tasks';
import { callEngineFunction } from '../functions';
import { calibrationStateKey } from '../methods/reasoning/rice';
import { ModelLoader } from '../model-loader';
import { CollectingEngine, EMBEDDED_MODELS } from '../in-process';
import type { RiceCalibration } from './rice-calibrate';

describe('rice.calibrate', () => {
  it('computes an nPMI table over greedy generations and remembers the top experts', async () => {
    const loader = new ModelLoader();
    const { engine } = new CollectingEngine(loader);
    const items = generateSuite({ families: ['arithmetic', 'variables'], difficulties: [3], countPerCell: 2, seed: 1, split: 'train' }).map((p) => ({ question: p.question }));
    const args = { model: { model: 'moe' }, datasetId: 'ds-1', items, itemLimit: 3 };
    const table = (await callEngineFunction(engine, loader, 'rice.calibrate', args, EMBEDDED_MODELS)) as RiceCalibration;
    expect(table).toMatchObject({ modelId: 'moe', datasetId: 'ds-1', markers: ['<think>', '</think>'] });
    expect(table.tokens).toBeGreaterThan(3 * 60);
    expect(table.npmi).toHaveLength(6);
    expect(table.npmi.every((row) => row.length === 8)).toBe(true);
    for (const row of table.frequency) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(2, 9);
    expect(table.top).toHaveLength(2);
    const defined = table.npmi.flat().filter((v): v is number => v !== null);
    expect(table.top[0]!.npmi).toBe(Math.max(...defined));
    expect(table.top[0]!.npmi).toBeGreaterThan(0);
    expect(engine.state.get(calibrationStateKey('moe'))).toEqual(table.top.map(({ layer, expert }) => ({ layer, expert })));

    const span = (await callEngineFunction(engine, loader, 'rice.calibrate', { ...args, itemLimit: 1, markerMode: 'span' }, EMBEDDED_MODELS)) as RiceCalibration;
    expect(span.top).toHaveLength(2);
    await expect(callEngineFunction(engine, loader, 'rice.calibrate', { ...args, items: [] }, EMBEDDED_MODELS)).rejects.toMatchObject({ code: 'invalid_payload' });
  });
});
