// Export file names, shared by the host (files it keeps for download) and the desktop save dialog.
import { describe, expect, it } from 'vitest';
import { exportFileName } from './exports';

describe('exportFileName', () => {
  it('names runs by count and experiments by id, with the format extension', () => {
    expect(exportFileName({ runIds: ['a', 'b', 'c'] }, 'csv')).toBe('runs-3.csv');
    expect(exportFileName({ experimentId: 'exp_1' }, 'parquet')).toBe('experiment-exp_1.parquet');
    expect(exportFileName({ runIds: ['a'] }, 'specbench')).toBe('runs-1.specbench.jsonl');
  });

  it('puts a stamp before the extension', () => {
    expect(exportFileName({ experimentId: 'e' }, 'specbench', 'v2')).toBe('experiment-e-v2.specbench.jsonl');
    expect(exportFileName({ runIds: ['a'] }, 'jsonl', '7')).toBe('runs-1-7.jsonl');
  });

  it('writes an epoch-milliseconds stamp as a UTC date and time, not a number', () => {
    expect(exportFileName({ experimentId: 'e' }, 'specbench', '1764115200000')).toBe('experiment-e-2025-11-26_000000Z.specbench.jsonl');
    expect(exportFileName({ runIds: ['a', 'b'] }, 'csv', String(Date.UTC(2026, 11, 5, 0, 14, 3)))).toBe('runs-2-2026-12-05_001403Z.csv');
  });
});
