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
    expect(exportFileName({ experimentId: 'e' }, 'specbench', '1764115200000')).toBe('experiment-e-1764115200000.specbench.jsonl');
    expect(exportFileName({ runIds: ['a'] }, 'jsonl', '7')).toBe('runs-1-7.jsonl');
  });
});
