// dependency-cruiser: no import cycle anywhere (type-only imports count: they tie modules together
// just the same), and no import between renderer feature folders (one folder per page; what pages
// share lives in renderer/src/panels/ or the common folders). Run by eslint/dependencies.test.ts in
// the unit tests, or `npm run lint:deps`. The finer layer rules are eslint/layers.js.
const rendererShared = 'panels|ui|state|api|charts|styles';

/** Modules of a cycle being removed by work in flight; delete each entry when that lands. */
const knownCycleMembers = [];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: break it by moving what both sides need into a third module.',
      from: knownCycleMembers.length ? { pathNot: knownCycleMembers } : {},
      to: { circular: true },
    },
    {
      name: 'no-feature-to-feature',
      severity: 'error',
      comment: 'A renderer feature folder (a page) imports no other feature folder: move what both use into panels/ or a common folder.',
      from: { path: '^renderer/src/([^/]+)/', pathNot: `^renderer/src/(shell|${rendererShared})/` },
      to: { path: '^renderer/src/[^/]+/', pathNot: `^renderer/src/($1|${rendererShared})/` },
    },
    {
      name: 'no-shared-to-feature',
      severity: 'error',
      comment: 'The panel kit and the common renderer folders import no feature folder and not the shell.',
      from: { path: `^renderer/src/(${rendererShared})/` },
      to: { path: '^renderer/src/[^/]+/', pathNot: `^renderer/src/(${rendererShared})/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
