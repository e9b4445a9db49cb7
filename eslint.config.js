import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

// The floors (docs/architecture.md): each folder may import only the folders listed here, checked on the
// resolved path of every import, so `../../x`, an index file or a re-export cannot slip past.
// Tooling (e2e/, bench/, scripts/) sits on top and may import anything; nothing imports it.
const folders = [
  'common',
  'main/core',
  'main/demo',
  'main/electron',
  'main/web',
  'preload',
  'renderer',
  'simulator',
  'e2e',
  'bench',
  'scripts',
];
const mayImport = {
  common: [],
  'main/core': ['common'],
  'main/demo': ['common', 'main/core', 'simulator'],
  'main/electron': ['common', 'main/core', 'main/demo'],
  'main/web': ['common', 'main/core', 'main/demo'],
  preload: ['common'],
  renderer: ['common'],
  simulator: ['common'],
};
// Tests and what they share: `*.test.ts(x)` and the `test-support/` folder beside them, in every product folder.
const product = ['common', 'main', 'preload', 'renderer', 'simulator'];
const testGlobs = (dir) => [`${dir}/**/*.test.{ts,tsx}`, `${dir}/**/test-support/**`];
const testFiles = product.flatMap(testGlobs);
// The one exception: tests and their support files in main/ run against the real counterparts, the
// simulators and the demo made of them, and may use the project's tools (scripts/: building the bundles).
const mainTestFiles = testGlobs('main');
const testsMayAlsoImport = ['simulator', 'main/demo', 'scripts'];

const zones = (extra) =>
  Object.entries(mayImport).map(([target, allowed]) => {
    const ok = [...allowed, ...extra];
    return {
      target,
      from: folders.filter((f) => f !== target && !ok.includes(f)),
      message: `${target}/ may import ${allowed.length ? allowed.join(', ') : 'nothing else of ours'} (docs/architecture.md).`,
    };
  });
const testSupportStaysInTests = {
  target: product,
  from: product.map((dir) => `${dir}/**/test-support/**`),
  message: 'Test support is for tests: production code never imports it.',
};
const boundaries = (...zoneList) => ({ 'import-x/no-restricted-paths': ['error', { zones: zoneList }] });

const electronOnlyInItsHost = {
  files: [
    'common/**/*.ts',
    'main/core/**/*.ts',
    'main/demo/**/*.ts',
    'main/web/**/*.ts',
    'simulator/**/*.ts',
  ],
  rules: {
    'no-restricted-imports': [
      'error',
      { paths: [{ name: 'electron', message: 'Only main/electron and preload/ may import electron.' }] },
    ],
  },
};

const rendererRunsInABrowser = {
  files: ['renderer/**/*.{ts,tsx}'],
  ignores: ['renderer/vite.config.ts'], // the build config runs in Node, not in the page
  rules: {
    'no-restricted-imports': [
      'error',
      { paths: [{ name: 'electron', message: 'The renderer talks only to window.cobrowse.' }] },
    ],
    'import-x/no-nodejs-modules': 'error',
  },
};

// The page audit (bench/lighthouse.ts) is tooling: no product file, test or not, may load it.
const auditToolsStayInBench = {
  files: product.map((dir) => `${dir}/**/*.{ts,tsx}`),
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: ['lighthouse', 'chrome-launcher'].map((name) => ({
          name,
          message: 'Lighthouse and chrome-launcher are for bench/ only.',
        })),
        patterns: [{ group: ['lighthouse/*'], message: 'Lighthouse is for bench/ only.' }],
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
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle reads the modules an import leads to: with TypeScript's parser, or it sees none.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      ...boundaries(...zones([])),
      // Floors keep folders one-way; this keeps modules one-way inside a folder too.
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: product.map((dir) => `${dir}/**/*.{ts,tsx}`),
    ignores: testFiles,
    rules: boundaries(...zones([]), testSupportStaysInTests),
  },
  { files: mainTestFiles, rules: boundaries(...zones(testsMayAlsoImport)) },
  // Type-aware: a promise nobody awaits loses its rejection; fire-and-forget says so with `void`.
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'simulator/**/public/**/*.js', 'e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  electronOnlyInItsHost,
  rendererRunsInABrowser,
  auditToolsStayInBench,
);
