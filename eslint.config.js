// The lint of `npm test` (and `npm run lint`, which also runs knip): ESLint's and typescript-eslint's
// recommended rules, no type information (fast), over the sources, tests, benchmarks and tools.
// Generated files are skipped. Layout (width, quotes, commas) is Prettier's: no stylistic rule here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'coverage/', 'src/client/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A name starting with _ is unused on purpose (a destructured field left out, a required parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The API reads vendors only through orchestration's ports (vendor health: VendorHealthPort); the
    // registry's list of vendor ids (the GraphQL Vendor enum) is the one thing it reads directly.
    files: ['src/graphql/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/vendors/**', '!**/vendors/registry'], message: 'src/graphql reads vendors through orchestration (its ports).' }] },
      ],
    },
  },
  {
    // No line is wider than Prettier's printWidth (.prettierrc.json): Prettier does not split long strings.
    rules: { 'max-len': ['error', { code: 180, ignoreUrls: true }] },
  },
  {
    // A function of the gateway fits on a screen: longer ones are split into named steps.
    files: ['src/**'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Tests and benchmarks read GraphQL answers and vendor bodies as loose JSON; the assertions are what check their shape.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
