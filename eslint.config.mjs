import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.ttg/**', 'coverage/**', 'bin/**', '*.config.js', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Nest resolves constructor parameters through emitted type metadata: type-only imports would erase them.
    files: ['apps/**/*.ts', 'libs/persistence/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // Workflow code is deterministic: no Node built-ins, no I/O packages, no calendar libraries.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'process'], message: 'Workflow code must be deterministic: no Node built-ins.' },
          { group: ['@temporalio/activity', '@temporalio/worker', '@temporalio/client'], message: 'Only @temporalio/workflow may be used inside workflows.' },
          { group: ['**/activities', '**/activities/*', '**/libs/persistence/**', '@ttg/persistence', '@ttg/persistence/*', 'date-holidays', 'luxon', 'typeorm', 'pg'], message: 'Import activities as types only; no I/O or calendar libraries in workflows.', allowTypeImports: true },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }],
      // Date inside the workflow sandbox is Temporal's deterministic workflow clock, not the host's.
    },
  },
  {
    // Progressive enhancement for the web pages: plain browser scripts.
    files: ['apps/api/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', console: 'readonly', fetch: 'readonly', DOMParser: 'readonly', setTimeout: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
