import { describe, expect, it } from 'vitest';
import { divergingColor, divergingPosition, divergingStops, expertLabel, npmiCells, npmiExtent, toggleExpert } from './npmi-scale';

const table = {
  npmi: [
    [0.1, null, -0.32],
    [0.26, 0, -0.05],
  ],
  frequency: [
    [0.2, 0.1, 0.3],
    [0.4, 0.0, 0.5],
  ],
  top: [
    { layer: 1, expert: 0, npmi: 0.26 },
    { layer: 0, expert: 0, npmi: 0.1 },
  ],
};

describe('npmi heatmap scaling', () => {
  it('lists cells with frequency and top ranks', () => {
    const cells = npmiCells(table);
    expect(cells).toHaveLength(6);
    expect(cells[1]).toEqual({ layer: 0, expert: 1, npmi: null, frequency: 0.1, top: false, topRank: null });
    expect(cells.filter((c) => c.top).map((c) => [c.layer, c.expert, c.topRank])).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  it('uses a symmetric extent from the largest magnitude, rounded up to 0.05', () => {
    expect(npmiExtent(table)).toBeCloseTo(0.35);
    expect(npmiExtent({ npmi: [[0.25]] })).toBeCloseTo(0.25);
    expect(npmiExtent({ npmi: [[null, 0]] })).toBe(0.05);
    expect(npmiExtent({ npmi: [[-3]] })).toBe(1);
  });

  it('centres the scale at zero and clamps', () => {
    expect(divergingPosition(0, 0.35)).toBe(0);
    expect(divergingPosition(-0.35, 0.35)).toBe(-1);
    expect(divergingPosition(0.7, 0.35)).toBe(1);
    expect(divergingPosition(0.175, 0.35)).toBeCloseTo(0.5);
  });

  it('maps 0 to the neutral colour and the ends to the palette', () => {
    expect(divergingColor(0, 0.3)).toBe('#f4f4f6');
    expect(divergingColor(-0.3, 0.3)).toBe('#2c64b8');
    expect(divergingColor(0.3, 0.3)).toBe('#c43a30');
    // Equal magnitudes are equally far from neutral on both sides.
    const stops = divergingStops(undefined, 5);
    expect(stops[2]).toBe('#f4f4f6');
    expect(stops).toHaveLength(5);
  });

  it('toggles picked experts', () => {
    const a = toggleExpert([], { layer: 1, expert: 2 });
    expect(a).toEqual([{ layer: 1, expert: 2 }]);
    expect(toggleExpert(a, { layer: 1, expert: 2 })).toEqual([]);
    expect(expertLabel({ layer: 1, expert: 2 })).toBe('L1/E2');
  });
});
