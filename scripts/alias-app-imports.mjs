#!/usr/bin/env node
// Codemod: rewrites relative imports of app/ ("../../../app/methods") to the path alias
// ("@app/methods") in the given folders (default main/ and renderer/). Imports inside app/ stay
// relative. Safe to re-run (after merging branches that still use relative paths); --check only
// lists what it would change and exits 1 if anything. The alias is configured in tsconfig.base.json,
// electron.vite.config.ts, vitest.config.ts and eslint/layers.js.
//   node scripts/alias-app-imports.mjs [--check] [folder...]
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const appDir = path.join(root, 'app');
const args = process.argv.slice(2);
const check = args.includes('--check');
const folders = args.filter((a) => a !== '--check');

/** Every .ts/.tsx file under a folder, skipping node_modules and build output. */
function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'out') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

// A module specifier in quotes after `from`, `import`, `import(`, `export ... from` or vi.mock(.
const specifier = /(\bfrom\s*|\bimport\s*\(?\s*|\bvi\.mock\(\s*)(['"])(\.{1,2}\/[^'"]*)\2/g;

/** The file's text with imports of app/ through the alias, and how many it rewrote. */
function rewrite(file, text) {
  let count = 0;
  const result = text.replace(specifier, (match, lead, quote, spec) => {
    const target = path.resolve(path.dirname(file), spec);
    if (target !== appDir && !target.startsWith(appDir + path.sep)) return match;
    if (target === appDir) return match; // the folder itself has no index
    count++;
    return `${lead}${quote}@app/${path.relative(appDir, target).split(path.sep).join('/')}${quote}`;
  });
  return { text: result, count };
}

let files = 0;
let imports = 0;
for (const folder of folders.length ? folders : ['main', 'renderer']) {
  const dir = path.resolve(root, folder);
  if (dir === appDir || dir.startsWith(appDir + path.sep)) throw new Error('imports inside app/ stay relative');
  for (const file of sourceFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    const { text: next, count } = rewrite(file, text);
    if (count === 0) continue;
    files++;
    imports += count;
    if (check) console.log(`${path.relative(root, file)}: ${count}`);
    else fs.writeFileSync(file, next);
  }
}
console.log(`${check ? 'would rewrite' : 'rewrote'} ${imports} imports of app/ in ${files} files`);
if (check && imports > 0) process.exitCode = 1;
