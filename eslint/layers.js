// Local ESLint rule `layers/imports`: enforces the workbench's layers (see DESIGN.md, "The house"),
// the way VS Code's code-layering rule does. Each source file belongs to a layer by its path; a layer
// may import only from the layers and packages listed for it.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Layer of a repository-relative path (posix separators). */
function layerOf(rel) {
  if (rel.startsWith('app/')) return 'app';
  if (rel.startsWith('renderer/')) return 'renderer';
  if (rel.startsWith('main/engine/')) return 'engine';
  if (rel.startsWith('main/store/')) return 'store';
  if (rel === 'main/index.ts' || rel === 'main/preload.ts' || rel.startsWith('main/electron/')) return 'electron';
  if (rel.startsWith('main/')) return 'host';
  return 'tooling'; // e2e/, scripts/, native-models/, config files: unrestricted
}

/** Which layers each layer may import from. */
const allowedLayers = {
  app: ['app'],
  renderer: ['app', 'renderer'],
  engine: ['app', 'engine'],
  store: ['app', 'store'],
  host: ['app', 'engine', 'store', 'host'],
  electron: ['app', 'engine', 'store', 'host', 'electron'],
};

/** Packages a layer may not import (prefix match on the specifier). */
const forbiddenPackages = {
  app: ['node:', 'electron', 'react', 'better-sqlite3', 'onnxruntime-node', 'ws', '@huggingface/'],
  renderer: ['node:', 'electron', 'better-sqlite3', 'onnxruntime-node', 'ws', '@huggingface/'],
  engine: ['electron', 'react', 'better-sqlite3', 'ws'],
  store: ['electron', 'react', 'onnxruntime-node', '@huggingface/'],
  host: ['electron', 'react', 'onnxruntime-node'],
  electron: ['react', 'onnxruntime-node'],
};

export default {
  rules: {
    imports: {
      meta: { type: 'problem', schema: [], messages: { layer: '{{from}} may not import {{what}} ({{why}})' } },
      create(context) {
        const file = path.relative(root, context.filename).split(path.sep).join('/');
        const from = layerOf(file);
        if (from === 'tooling') return {};
        function check(node, spec) {
          if (typeof spec !== 'string') return;
          if (spec.startsWith('.')) {
            const target = path.relative(root, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/');
            const to = layerOf(target.endsWith('.ts') || target.endsWith('.tsx') ? target : `${target}.ts`);
            if (!allowedLayers[from].includes(to)) {
              context.report({ node, messageId: 'layer', data: { from, what: target, why: `layer ${to}` } });
            }
            return;
          }
          const bad = forbiddenPackages[from].find((p) => spec === p || spec.startsWith(p.endsWith(':') || p.endsWith('/') ? p : `${p}/`) || spec === p);
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
