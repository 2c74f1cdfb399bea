import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Which file may import what (layers, cycles, pure files, entities) is dependency-cruiser's: .dependency-cruiser.cjs.
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'coverage/', 'openapi/', 'partner-sdk/dist/', 'console/dist/', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The console runs in the browser.
    files: ['console/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The SDK's examples are programs a partner runs in a terminal: they talk to it on the console.
    files: ['partner-sdk/examples/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The SDK's generated client is openapi-typescript's output, never edited (its drift is checked instead).
    files: ['partner-sdk/src/generated/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unused-vars': 'off' },
  },
);
