#!/usr/bin/env node
// `npm test`'s pre-flight (run by npm as "pretest"): checks, in a second, what the suite needs from
// the machine that `npm ci` does not install, and stops at once with the one command that fixes it,
// instead of failing at the e2e step after minutes of other tests.
import { existsSync } from 'node:fs';

const problems = [];
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) problems.push([`Node ${process.versions.node} is too old (20 or newer is needed)`, 'install Node 20 (e.g. `nvm install 20`)']);
if (!existsSync('node_modules/.bin/vitest')) problems.push(['the dependencies are not installed', 'npm ci']);
if (!existsSync('/usr/bin/chromium')) {
  problems.push(['the e2e specs run in Debian\'s Chromium at /usr/bin/chromium, which is missing', 'sudo apt-get update && sudo apt-get install -y chromium   (or run .ci/run, which does all set-up)']);
}
if (problems.length > 0) {
  for (const [what, fix] of problems) console.error(`npm test cannot run: ${what}.\n  fix: ${fix}`);
  process.exit(1);
}
