// Comma-list parsing for array parameters.
import { describe, expect, it } from 'vitest';
import { formatStringList, parseExpertList, parseNumberList, parseStringList, parseTreePaths } from './list-parsers';

describe('list parameters', () => {
  it('parses number lists and rejects fractions where integers are needed', () => {
    expect(parseNumberList('3, 2,2 ,1', true)).toEqual([3, 2, 2, 1]);
    expect(() => parseNumberList('3, 2.5', true)).toThrow(/whole/);
    expect(() => parseNumberList('3, x', false)).toThrow(/not a number/);
  });

  it('round-trips stop strings with escapes', () => {
    const values = ['\n\n', 'a,b', 'END'];
    expect(parseStringList(formatStringList(values))).toEqual(values);
  });

  it('parses layer:expert pairs', () => {
    expect(parseExpertList('0:3, 1:5')).toEqual([
      { layer: 0, expert: 3 },
      { layer: 1, expert: 5 },
    ]);
    expect(() => parseExpertList('0-3')).toThrow(/layer:expert/);
  });

  it('checks tree paths', () => {
    expect(parseTreePaths('[[0],[1],[0,0]]')).toEqual([[0], [1], [0, 0]]);
    expect(() => parseTreePaths('[[]]')).toThrow();
    expect(() => parseTreePaths('[0')).toThrow(/JSON/);
  });
});
