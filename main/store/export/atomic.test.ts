import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@app/errors';
import type { ExportFormat } from '@app/exports';
import { validateExportPath, writeAllAtomically, writeAtomically } from './atomic';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'workbench-atomic-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe('writeAtomically', () => {
  it('writes through a temporary file in the same folder and leaves only the final file', async () => {
    const file = path.join(dir, 'out.jsonl');
    let tmpSeen = '';
    await writeAtomically(file, async (tmp) => {
      tmpSeen = tmp;
      expect(path.dirname(tmp)).toBe(dir);
      await writeFile(tmp, 'hello\n');
      expect(existsSync(file)).toBe(false);
    });
    expect(readFileSync(file, 'utf8')).toBe('hello\n');
    expect(existsSync(tmpSeen)).toBe(false);
    expect(readdirSync(dir)).toEqual(['out.jsonl']);
  });

  it('leaves no file and no temporary file when the write throws, and keeps an older file intact', async () => {
    const file = path.join(dir, 'out.csv');
    await expect(
      writeAtomically(file, async (tmp) => {
        await writeFile(tmp, 'partial,row\n');
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    expect(readdirSync(dir)).toEqual([]);

    writeFileSync(file, 'previous export\n');
    await expect(
      writeAtomically(file, async (tmp) => {
        await writeFile(tmp, 'half');
        throw new Error('again');
      }),
    ).rejects.toThrow('again');
    expect(readdirSync(dir)).toEqual(['out.csv']);
    expect(readFileSync(file, 'utf8')).toBe('previous export\n');
  });

  it('fails when the write produced no file', async () => {
    await expect(writeAtomically(path.join(dir, 'x.csv'), async () => undefined)).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes several files all or nothing', async () => {
    const files = ['a.parquet', 'b.parquet', 'c.parquet'].map((f) => path.join(dir, f));
    await expect(
      writeAllAtomically(files, async (tmps) => {
        await writeFile(tmps[0]!, 'a');
        await writeFile(tmps[1]!, 'b');
        throw new Error('third table failed');
      }),
    ).rejects.toThrow('third table failed');
    expect(readdirSync(dir)).toEqual([]);

    await writeAllAtomically(files, async (tmps) => {
      for (const [i, tmp] of tmps.entries()) await writeFile(tmp, String(i));
    });
    expect(readdirSync(dir).sort()).toEqual(['a.parquet', 'b.parquet', 'c.parquet']);
    expect(readFileSync(files[2]!, 'utf8')).toBe('2');
  });
});

describe('validateExportPath', () => {
  function failure(file: string, format: ExportFormat): WorkbenchError {
    try {
      validateExportPath(file, format);
    } catch (err) {
      expect(err).toBeInstanceOf(WorkbenchError);
      expect((err as WorkbenchError).code).toBe('path_invalid');
      return err as WorkbenchError;
    }
    throw new Error(`expected ${file} to be refused`);
  }

  it('accepts an absolute path with the right extension in a writable folder, normalised', () => {
    expect(validateExportPath(path.join(dir, 'runs.jsonl'), 'jsonl')).toBe(path.join(dir, 'runs.jsonl'));
    expect(validateExportPath(`${dir}/sub/../runs.CSV`, 'csv')).toBe(path.join(dir, 'runs.CSV'));
    expect(validateExportPath(path.join(dir, 'sb.jsonl'), 'specbench')).toBe(path.join(dir, 'sb.jsonl'));
    writeFileSync(path.join(dir, 'exists.parquet'), 'old');
    expect(validateExportPath(path.join(dir, 'exists.parquet'), 'parquet')).toBe(path.join(dir, 'exists.parquet'));
  });

  it('refuses each kind of bad path with a specific message', () => {
    expect(failure('', 'csv').message).toBe('The export path is empty');
    expect(failure(`${dir}/a\0b.csv`, 'csv').message).toMatch(/NUL byte/);
    expect(failure('relative/out.csv', 'csv').message).toMatch(/must be absolute, got "relative\/out.csv"/);
    expect(failure(path.join(dir, 'out.json'), 'jsonl').message).toMatch(/A jsonl export must be a file name ending in \.jsonl, got "out.json"/);
    expect(failure(path.join(dir, 'out.csv'), 'parquet').message).toMatch(/ending in \.parquet/);
    expect(failure(path.join(dir, '.csv'), 'csv').message).toMatch(/ending in \.csv/);
    mkdirSync(path.join(dir, 'folder.csv'));
    expect(failure(path.join(dir, 'folder.csv'), 'csv').message).toMatch(/is a folder, not a file/);
    expect(failure(path.join(dir, 'missing', 'out.csv'), 'csv').message).toMatch(/The folder ".*missing" does not exist/);
    writeFileSync(path.join(dir, 'file'), '');
    expect(failure(path.join(dir, 'file', 'out.csv'), 'csv').message).toMatch(/is not a folder/);
    expect(failure(path.join(dir, 'out.json'), 'jsonl').details).toEqual({ path: path.join(dir, 'out.json'), format: 'jsonl' });
  });

  // root may write anywhere, so this check can only be seen failing as an ordinary user.
  it.skipIf(process.getuid?.() === 0)('refuses a folder it cannot write to', () => {
    chmodSync(dir, 0o555);
    expect(failure(path.join(dir, 'out.csv'), 'csv').message).toMatch(/is not writable/);
  });
});
