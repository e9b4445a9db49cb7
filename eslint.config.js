import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Process boundaries are folders; these rules keep them honest (see ../shared/spec/architecture.md).
const noElectronInCore = {
  files: ['main/core/**/*.ts', 'main/web/**/*.ts', 'simulator/**/*.ts', 'renderer/**/*.{ts,tsx}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'electron', message: 'Only main/electron and preload/ may import electron.' }],
        patterns: [{ group: ['**/main/electron/**'], message: 'The Electron host is not a library.' }],
      },
    ],
  },
};

const rendererTalksOnlyToContract = {
  files: ['renderer/**/*.{ts,tsx}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'electron', message: 'The renderer talks only to window.cobrowse.' }],
        patterns: [
          {
            group: ['**/main/**', '**/simulator/**'],
            message: 'The renderer may import only common/.',
          },
          { group: ['node:*'], message: 'The renderer runs in a browser.' },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', '.test-reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'simulator/**/public/**/*.js', 'e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  noElectronInCore,
  rendererTalksOnlyToContract,
);
