// Safe export files: checking a user-chosen output path before any work starts, and writing files
// atomically (temporary file in the same folder, fsync, rename) so a failed or interrupted export
// never leaves a partial file under the final name.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { WorkbenchError } from '@app/errors';
import type { ExportFormat } from '@app/exports';
import { exportExtensions } from '@app/exports';

function invalid(message: string, file: string, format: ExportFormat): WorkbenchError {
  return new WorkbenchError('path_invalid', message, { path: file, format });
}

/**
 * Checks an export path and returns it normalised. It must be absolute, free of NUL bytes, end in
 * the format's extension, not be a folder, and sit in an existing, writable folder. Throws
 * `path_invalid` with a message saying which rule failed.
 */
export function validateExportPath(file: string, format: ExportFormat): string {
  if (typeof file !== 'string' || file.trim() === '') throw invalid('The export path is empty', String(file), format);
  if (file.includes('\0')) throw invalid('The export path contains a NUL byte', file, format);
  if (!path.isAbsolute(file)) throw invalid(`The export path must be absolute, got "${file}"`, file, format);
  const normal = path.normalize(file);
  const ext = exportExtensions[format];
  if (!normal.toLowerCase().endsWith(ext) || path.basename(normal).length <= ext.length) {
    throw invalid(`A ${format} export must be a file name ending in ${ext}, got "${path.basename(normal)}"`, file, format);
  }
  const existing = statOrNull(normal);
  if (existing?.isDirectory()) throw invalid(`"${normal}" is a folder, not a file`, file, format);
  const dir = path.dirname(normal);
  const parent = statOrNull(dir);
  if (!parent) throw invalid(`The folder "${dir}" does not exist`, file, format);
  if (!parent.isDirectory()) throw invalid(`"${dir}" is not a folder`, file, format);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw invalid(`The folder "${dir}" is not writable`, file, format);
  }
  return normal;
}

function statOrNull(file: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

/** A temporary name beside `finalPath` (same folder, so the rename stays on one file system). */
function tempPathFor(finalPath: string): string {
  return path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

async function fsyncPath(file: string, flags: string): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `finalPath` through `write(tmpPath)`: the temporary file is fsynced and renamed over the final
 * name only when `write` resolves. If it throws, the temporary file is removed and any existing file
 * at `finalPath` is left as it was.
 */
export async function writeAtomically(finalPath: string, write: (tmpPath: string) => Promise<void>): Promise<void> {
  await writeAllAtomically([finalPath], ([tmp]) => write(tmp!));
}

/**
 * The several-file form of writeAtomically (Parquet's three tables): all files are written to
 * temporary names first and renamed only once every one is complete, so a failure leaves none.
 */
export async function writeAllAtomically(finalPaths: readonly string[], write: (tmpPaths: string[]) => Promise<void>): Promise<void> {
  const temps = finalPaths.map(tempPathFor);
  try {
    await write(temps);
    for (const tmp of temps) await fsyncPath(tmp, 'r+');
    for (let i = 0; i < temps.length; i++) await rename(temps[i]!, finalPaths[i]!);
  } catch (err) {
    await Promise.all(temps.map((tmp) => rm(tmp, { force: true })));
    throw err;
  }
  // Persist the renames themselves; folders cannot be opened for fsync on Windows, where rename is durable enough.
  for (const dir of new Set(finalPaths.map((p) => path.dirname(p)))) {
    await fsyncPath(dir, 'r').catch(() => undefined);
  }
}
