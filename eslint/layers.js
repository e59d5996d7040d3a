// Local ESLint rule `layers/imports`: enforces the workbench's layers (see DESIGN.md, "The house"),
// the way VS Code's code-layering rule does. Each source file belongs to a target by its path; a
// target may import only from the targets listed for it, and never a package listed as forbidden for
// its layer. Test code (`*.test.ts`, `test-support.ts`, `test-fixtures.ts`, `test-helpers/`) is held
// to the coarse layers only, and no other code may import it.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Path aliases (tsconfig `paths`, vite and vitest `resolve.alias`): prefix -> repository folder. */
export const aliases = { '@app/': 'app/' };

/** Renderer folders shared by every page: components, stores, the client, charts, styles. */
const rendererCommon = ['ui', 'state', 'api', 'charts', 'styles'];

/**
 * Target of a repository-relative path (posix separators). Every folder of renderer/src/ that is not
 * the shell, the panel kit or a common folder is a feature folder (one per page).
 */
export function targetOf(rel) {
  if (rel.startsWith('app/')) return 'app';
  if (rel.startsWith('renderer/')) {
    const m = /^renderer\/src\/([^/]+)\//.exec(rel);
    if (!m || m[1] === 'shell') return 'renderer/shell';
    if (m[1] === 'panels') return 'renderer/panels';
    if (rendererCommon.includes(m[1])) return 'renderer/common';
    return `renderer/feature/${m[1]}`;
  }
  if (rel.startsWith('main/engine/runtime/')) return 'engine/runtime';
  if (rel.startsWith('main/engine/methods/')) return 'engine/methods';
  if (rel.startsWith('main/engine/')) return 'engine';
  if (rel === 'main/store/index.ts') return 'store/public';
  if (rel.startsWith('main/store/')) return 'store';
  if (rel.startsWith('main/server/')) return 'server';
  if (rel.startsWith('main/bench/')) return 'bench';
  if (rel === 'main/cli.ts' || rel.startsWith('main/cli/')) return 'cli';
  if (rel === 'main/serve.ts') return 'serve';
  if (rel === 'main/index.ts' || rel === 'main/preload.ts' || rel.startsWith('main/electron/')) return 'electron';
  if (rel.startsWith('main/')) return 'host';
  return 'tooling'; // e2e/, scripts/, native-models/, config files: unrestricted
}

/** Test code: may import more (see coarse layers), and only test code may import it. */
export function isTestCode(rel) {
  return /\.test\.tsx?$/.test(rel) || /(^|\/)test-support\.ts$/.test(rel) || /(^|\/)test-fixtures\.ts$/.test(rel) || rel.includes('/test-helpers/');
}

/**
 * What each target may import (besides itself; `renderer/feature/*` means every feature folder).
 * - engine/runtime (sessions, KV cache, sampling, tokenizer) knows no method.
 * - host, server, CLI and the Electron shell reach the store only through main/store/index.ts.
 * - bench runs methods through the engine (engine.ts, in-process.ts, functions/), never a method
 *   file or test code; it may use the runtime (a bare session.run loop is the floor it measures).
 * - the Electron shell never imports the browser-mode server.
 * - a renderer feature folder (one page) imports no other feature folder: what pages share lives in
 *   panels/ (the panel kit) or the common folders.
 */
export const allowed = {
  app: [],
  'renderer/common': ['app'],
  'renderer/panels': ['app', 'renderer/common'],
  'renderer/feature': ['app', 'renderer/common', 'renderer/panels'],
  'renderer/shell': ['app', 'renderer/common', 'renderer/panels', 'renderer/feature/*'],
  'engine/runtime': ['app'],
  'engine/methods': ['app', 'engine/runtime'],
  engine: ['app', 'engine/runtime', 'engine/methods'],
  store: ['app'],
  'store/public': ['store'],
  host: ['app', 'engine', 'store/public'],
  server: ['app', 'host', 'store/public'],
  bench: ['app', 'engine', 'engine/runtime'],
  cli: ['app', 'host', 'store/public', 'bench'],
  serve: ['app', 'host', 'server', 'store/public'],
  electron: ['app', 'engine', 'host', 'store/public'],
};

/** The coarse layer of a target, for test code. */
function coarseOf(target) {
  if (target.startsWith('renderer/')) return 'renderer';
  if (target.startsWith('engine')) return 'engine';
  if (target.startsWith('store')) return 'store';
  if (['server', 'bench', 'cli', 'serve'].includes(target)) return 'host';
  return target;
}

/** Which coarse layers test code of each coarse layer may import. */
const coarseAllowed = {
  app: ['app'],
  renderer: ['app', 'renderer'],
  engine: ['app', 'engine'],
  store: ['app', 'store'],
  host: ['app', 'engine', 'store', 'host'],
  electron: ['app', 'engine', 'store', 'host', 'electron'],
};

/**
 * Imports that break a rule today and are being removed by work in flight, as `from -> to`
 * (repository-relative). Each entry names who removes it; delete the entry when that lands.
 */
export const knownViolations = [];

/** Packages a coarse layer may not import (prefix match on the specifier). */
const forbiddenPackages = {
  app: ['node:', 'electron', 'react', 'better-sqlite3', 'onnxruntime-node', 'ws', '@huggingface/'],
  renderer: ['node:', 'electron', 'better-sqlite3', 'onnxruntime-node', 'ws', '@huggingface/'],
  engine: ['electron', 'react', 'better-sqlite3', 'ws'],
  store: ['electron', 'react', 'onnxruntime-node', '@huggingface/'],
  host: ['electron', 'react', 'onnxruntime-node'],
  electron: ['react', 'onnxruntime-node'],
};

/** May code of target `from` (test code or not) import a file of target `to`? */
export function mayImport(from, fromIsTest, to, toIsTest) {
  if (to === 'tooling') return false;
  if (fromIsTest) return coarseAllowed[coarseOf(from)].includes(coarseOf(to));
  if (toIsTest) return false;
  if (to === from) return true;
  const key = from.startsWith('renderer/feature/') ? 'renderer/feature' : from;
  return allowed[key].some((t) => t === to || (t.endsWith('/*') && to.startsWith(t.slice(0, -1))));
}

/** Repository-relative file an import specifier names, or null for a package. */
function resolveSpecifier(spec, fromAbs) {
  const bare = spec.split('?')[0];
  let abs;
  const alias = Object.keys(aliases).find((a) => bare.startsWith(a));
  if (alias) abs = path.join(root, aliases[alias], bare.slice(alias.length));
  else if (bare.startsWith('.')) abs = path.resolve(path.dirname(fromAbs), bare);
  else return null;
  let rel = path.relative(root, abs).split(path.sep).join('/');
  if (/\.(tsx?|css|json|svg|png)$/.test(rel)) return rel;
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) return `${rel}/index.ts`;
  return fs.existsSync(`${abs}.tsx`) ? `${rel}.tsx` : `${rel}.ts`;
}

export default {
  rules: {
    imports: {
      meta: { type: 'problem', schema: [], messages: { layer: '{{from}} may not import {{what}} ({{why}})' } },
      create(context) {
        const file = path.relative(root, context.filename).split(path.sep).join('/');
        const from = targetOf(file);
        if (from === 'tooling') return {};
        const fromIsTest = isTestCode(file);
        const layer = coarseOf(from);
        function check(node, spec) {
          if (typeof spec !== 'string') return;
          const target = resolveSpecifier(spec, context.filename);
          if (target !== null) {
            if (knownViolations.includes(`${file} -> ${target}`)) return;
            const to = targetOf(target);
            const toIsTest = isTestCode(target);
            if (!mayImport(from, fromIsTest, to, toIsTest)) {
              const why = toIsTest ? 'test code' : to === 'store' ? 'store internals: import main/store/index.ts' : `target ${to}`;
              context.report({ node, messageId: 'layer', data: { from: fromIsTest ? `${from} (test)` : from, what: target, why } });
            }
            return;
          }
          const bad = forbiddenPackages[layer].find((p) => spec === p || spec.startsWith(p.endsWith(':') || p.endsWith('/') ? p : `${p}/`));
          if (bad) context.report({ node, messageId: 'layer', data: { from, what: spec, why: `package ${bad}` } });
        }
        return {
          ImportDeclaration: (n) => check(n, n.source.value),
          ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
          ExportAllDeclaration: (n) => check(n, n.source.value),
          ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
        };
      },
    },
  },
};
