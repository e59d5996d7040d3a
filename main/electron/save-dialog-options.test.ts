// The export save dialog's options: Downloads folder, the suggested name without any folder part,
// the format's extension as the only filter, and the Parquet title that says three files are written.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveDialogOptions } from './save-dialog-options';

describe('saveDialogOptions', () => {
  it('starts in the given folder with the suggested name and the format filter', () => {
    const o = saveDialogOptions('runs-3.csv', 'csv', '/home/ana/Downloads');
    expect(o.defaultPath).toBe(path.join('/home/ana/Downloads', 'runs-3.csv'));
    expect(o.filters).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
    expect(o.properties).toContain('showOverwriteConfirmation');
  });

  it('keeps a suggested name inside the folder even when it carries a path', () => {
    expect(saveDialogOptions('../../etc/passwd.jsonl', 'jsonl', '/d').defaultPath).toBe(path.join('/d', 'passwd.jsonl'));
  });

  it('says that Parquet writes three files beside the chosen name', () => {
    const o = saveDialogOptions('experiment-x.parquet', 'parquet', '/d');
    expect(o.title).toMatch(/three files/);
    expect(o.filters![0]!.extensions).toEqual(['parquet']);
    expect(saveDialogOptions('a.specbench.jsonl', 'specbench', '/d').filters![0]!.extensions).toEqual(['jsonl']);
  });
});
