// The layer rule (eslint/layers.js) through ESLint's Node API and the project's config, on small
// in-memory files: each rule reports a planted violation and lets the allowed import through.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { knownViolations } from './layers.js';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

/** The layer rule's messages for `code` linted as the repository file `file`. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

/** Expects `imports` (one import line) in `file` to be reported, or allowed. */
async function expectImport(file: string, line: string, verdict: 'reported' | 'allowed'): Promise<void> {
  const errors = await layerErrors(file, `${line}\nexport const used = [planted];\n`);
  if (verdict === 'reported') expect(errors, `${file}: ${line}`).toHaveLength(1);
  else expect(errors, `${file}: ${line}`).toEqual([]);
}

describe('layers/imports', () => {
  it('keeps the engine runtime free of methods', async () => {
    await expectImport('main/engine/runtime/planted.ts', "import type { MethodContext as planted } from '../methods/context';", 'reported');
    await expectImport('main/engine/runtime/planted.ts', "import { WorkbenchError as planted } from '../../../app/errors';", 'allowed');
    await expectImport('main/engine/methods/planted.ts', "import { KvCache as planted } from '../runtime/kv-cache';", 'allowed');
  });

  it('lets the host reach the store only through its public surface', async () => {
    await expectImport('main/host/planted.ts', "import { getRun as planted } from '../store/runs';", 'reported');
    await expectImport('main/host/planted.ts', "import { prepared as planted } from '../store/statements';", 'reported');
    await expectImport('main/host/planted.ts', "import { getRun as planted } from '../store';", 'allowed');
    await expectImport('main/cli/planted.ts', "import { listRuns as planted } from '../store/runs';", 'reported');
  });

  it('keeps test code and method files out of the benchmarks', async () => {
    await expectImport('main/bench/planted.ts', "import { chiSquareTest as planted } from '../engine/methods/speculative/test-support';", 'reported');
    await expectImport('main/bench/planted.ts', "import { chainSpeculative as planted } from '../engine/methods/speculative/chain';", 'reported');
    await expectImport('main/bench/planted.ts', "import { resolveModelFolder as planted } from '../engine/runtime/model-folder';", 'allowed');
    await expectImport('main/bench/planted.ts', "import { CollectingEngine as planted } from '../engine/in-process';", 'allowed');
    // test code itself may use test support across its coarse layer
    await expectImport('main/host/planted.test.ts', "import { tempDb as planted } from '../store/test-fixtures';", 'allowed');
    await expectImport('main/host/planted.ts', "import { tempDb as planted } from '../store/test-fixtures';", 'reported');
  });

  it('keeps the Electron shell off the browser-mode server', async () => {
    await expectImport('main/index.ts', "import { newToken as planted } from './server/security';", 'reported');
    await expectImport('main/electron/planted.ts', "import { newToken as planted } from '../server/security';", 'reported');
    await expectImport('main/serve.ts', "import { newToken as planted } from './server/security';", 'allowed');
  });

  it('lets a renderer feature folder import only app/, the panel kit and the common folders', async () => {
    await expectImport('renderer/src/runs/planted.ts', "import { formatMs as planted } from '../compare/format';", 'reported');
    await expectImport('renderer/src/runs/planted.ts', "import { Icon as planted } from '../shell/NavRail';", 'reported');
    await expectImport('renderer/src/runs/planted.ts', "import { formatMs as planted } from '../panels/run/format';", 'allowed');
    await expectImport('renderer/src/runs/planted.ts', "import { Button as planted } from '../ui';", 'allowed');
    await expectImport('renderer/src/runs/planted.ts', "import type { RunRecord as planted } from '@app/runs';", 'allowed');
    await expectImport('renderer/src/panels/planted.ts', "import { RunsPage as planted } from '../runs/RunsPage';", 'reported');
    await expectImport('renderer/src/ui/planted.ts', "import { StatTile as planted } from '../panels/draft-tree/StatTile';", 'reported');
    await expectImport('renderer/src/shell/planted.ts', "import { RunsPage as planted } from '../runs/RunsPage';", 'allowed');
  });

  it('resolves the @app alias like a relative path', async () => {
    await expectImport('app/planted.ts', "import { getRun as planted } from '../main/store';", 'reported');
    await expectImport('main/engine/runtime/planted.ts', "import type { ModelInfo as planted } from '@app/models';", 'allowed');
  });

  it('lists as known only violations that still exist', async () => {
    for (const entry of knownViolations) {
      const [from, to] = entry.split(' -> ') as [string, string];
      const text = fs.existsSync(path.join(root, from)) ? fs.readFileSync(path.join(root, from), 'utf8') : '';
      const specifier = path.relative(path.dirname(from), to.replace(/\.tsx?$/, '')).split(path.sep).join('/');
      // Gone: delete the entry from knownViolations in eslint/layers.js.
      expect(text, `stale known violation ${entry}`).toContain(`'${specifier.startsWith('.') ? specifier : `./${specifier}`}'`);
    }
  });
});
