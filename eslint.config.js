// Lint: typescript-eslint's recommended rules, React hooks rules and the one date format for the
// renderer, and the local layering rule (eslint/layers.js) that keeps app/, renderer/, main/engine/
// and main/store/ apart.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './eslint/layers.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.device/', 'test-results/', 'playwright-report/', 'native-models/tools/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { layers },
    rules: {
      'layers/imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // One date format app-wide: dates are shown through renderer/src/ui/date-format.ts.
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)String$/]", message: 'Show dates with formatDate / formatTime (renderer/src/ui/date-format.ts).' },
        { selector: "CallExpression[callee.property.name='toLocaleString'][arguments.length=0]", message: 'Show dates with formatDateTime (renderer/src/ui/date-format.ts); numbers with toLocaleString(\'en-US\').' },
      ],
    },
  },
);
