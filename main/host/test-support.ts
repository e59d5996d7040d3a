// Test support for host, server and CLI tests: a temporary folder (with the database file's path in
// it) removed afterwards, and paths under the app's root (native-models/). Not imported by app code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A path under the repository root (e.g. appRoot('native-models')). */
export function appRoot(...parts: string[]): string {
  return path.join(root, ...parts);
}

/** A fresh temporary folder; `file(name)` is a path inside it; `cleanup` removes it all. */
export function tempDir(prefix = 'workbench-test-'): { dir: string; file: (...parts: string[]) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, file: (...parts) => path.join(dir, ...parts), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
