// The per-layer tsconfigs: app/ compiles with neither DOM nor Node globals, the renderer without
// Node's, main/ without the DOM's. Each planted file is type-checked in memory under the layer's
// real tsconfig (TypeScript's API), beside the layer's own ambient declarations.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Lines (0-based) with an error, type-checking `code` as a new file of the layer whose tsconfig is `config`. */
function linesWithErrors(config: string, code: string): number[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, config), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error(`cannot read ${config}`);
  const planted = path.join(root, path.dirname(config), '__planted__.ts');
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) => (path.resolve(file) === planted ? ts.createSourceFile(file, code, lang) : getSourceFile(file, lang, ...rest));
  const ambient = parsed.fileNames.filter((f) => f.endsWith('.d.ts'));
  const program = ts.createProgram([planted, ...ambient], parsed.options, host);
  const file = program.getSourceFile(planted)!;
  const lines = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => file.getLineAndCharacterOfPosition(d.start ?? 0).line);
  return [...new Set(lines)].sort((a, b) => a - b);
}

/** Expects exactly the `leaks` lines (after the `fine` ones) to fail to compile under `config`. */
function expectOnlyLeaksFail(config: string, fine: string[], leaks: string[]): void {
  const code = [...fine, ...leaks].map((expr, i) => `export const v${i} = ${expr};`).join('\n');
  expect(linesWithErrors(config, code).map((line) => [...fine, ...leaks][line])).toEqual(leaks);
}

describe('per-layer tsconfigs', () => {
  it('give app/ neither DOM nor Node globals, only ES2022 and the console', () => {
    expectOnlyLeaksFail('app/tsconfig.json', ["console.error('x')", '[1, 2].at(-1)', 'new Map<string, number>()'], ['window.location.href', 'document.title', 'process.env.HOME', "Buffer.from('x')", 'localStorage.length', "setTimeout(() => 0, 1)"]);
  });

  it('give the renderer the DOM but not Node', () => {
    expectOnlyLeaksFail('renderer/tsconfig.json', ['document.title', "console.log('x')"], ['process.env.HOME', "Buffer.from('x')"]);
  });

  it('give main/ Node but not the DOM', () => {
    expectOnlyLeaksFail('main/tsconfig.json', ['process.env.HOME', "Buffer.from('x')"], ['document.title', 'window.location.href']);
  });
});
