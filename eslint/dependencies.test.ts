// The import graph, by dependency-cruiser with the project's .dependency-cruiser.cjs: no cycle
// anywhere and no import between renderer feature folders in the real source; and the same rules
// catch a planted cycle (type-only, the subtle kind) and planted cross-folder imports.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ICruiseResult } from 'dependency-cruiser';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const tsConfigFile = path.join(root, 'tsconfig.json');

/**
 * Violations in `dirs` under `baseDir`, one line each: rule, from, to. With `strict`, the cycle rule's
 * exceptions (cycles being removed by work in flight) are dropped, so those are listed too.
 */
async function violations(baseDir: string, dirs: string[], strict = false): Promise<string[]> {
  const options = await extractDepcruiseOptions(path.join(root, '.dependency-cruiser.cjs'));
  if (strict) for (const rule of options.ruleSet?.forbidden ?? []) if (rule.name === 'no-circular') rule.from = {};
  const result = await cruise(dirs, { ...options, baseDir, tsConfig: { fileName: tsConfigFile } }, {}, { tsConfig: extractTSConfig(tsConfigFile) });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

/** The cycle rule's exceptions (path patterns of the modules of known cycles). */
async function knownCycleMembers(): Promise<RegExp[]> {
  const options = await extractDepcruiseOptions(path.join(root, '.dependency-cruiser.cjs'));
  const rule = options.ruleSet?.forbidden?.find((r) => r.name === 'no-circular');
  const pathNot = rule?.from.pathNot ?? [];
  return (Array.isArray(pathNot) ? pathNot : [pathNot]).map((p) => new RegExp(p));
}

describe('import graph', () => {
  it('has no cycle and no import between renderer feature folders', async () => {
    const found = await violations(root, ['app', 'main', 'renderer', 'e2e', 'scripts', 'eslint'], true);
    const known = await knownCycleMembers();
    const isKnown = (v: string) => v.startsWith('no-circular: ') && known.some((k) => k.test(v.split(' ')[1]!));
    expect(found.filter((v) => !isKnown(v))).toEqual([]);
    // An exception whose cycle is gone is stale: delete it from .dependency-cruiser.cjs.
    for (const k of known) expect(found.some((v) => isKnown(v) && k.test(v.split(' ')[1]!)), `stale exception ${k}`).toBe(true);
  });

  it('catches a planted cycle and planted imports between renderer folders', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depcruise-'));
    try {
      const files: Record<string, string> = {
        'main/x.ts': "import { y } from './y';\nexport type X = number;\nexport const x = y;\n",
        'main/y.ts': "import type { X } from './x';\nexport type Y = X;\nexport const y = 2;\n",
        'renderer/src/runs/page.ts': "import { b } from '../compare/b';\nimport { p } from '../panels/p';\nexport const a = b + p;\n",
        'renderer/src/compare/b.ts': 'export const b = 1;\n',
        'renderer/src/panels/p.ts': "import { b } from '../compare/b';\nexport const p = b;\n",
      };
      for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      }
      const found = await violations(dir, ['main', 'renderer']);
      // a cycle is reported once, from whichever member the cruise meets first
      expect(found.filter((v) => v.startsWith('no-circular:'))).toEqual([expect.stringMatching(/^no-circular: main\/(x|y)\.ts -> main\/(y|x)\.ts$/)]);
      expect(found.filter((v) => !v.startsWith('no-circular:'))).toEqual([
        'no-feature-to-feature: renderer/src/runs/page.ts -> renderer/src/compare/b.ts',
        'no-shared-to-feature: renderer/src/panels/p.ts -> renderer/src/compare/b.ts',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
