// The floors' import rules really fire: forbidden imports, linted with the repo's own eslint.config.js (on
// virtual files placed in each folder), are each refused by the rule that guards them, and allowed ones pass.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
// Type information is not needed for import rules and virtual files belong to no tsconfig: off here only.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
});

async function rulesFired(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code + '\n', { filePath: `${root}/${file}` });
  return (result?.messages ?? [])
    .map((m) => m.ruleId ?? `fatal: ${m.message}`)
    .filter((rule) => rule !== '@typescript-eslint/no-unused-vars'); // the snippets import names they never use
}

const PATHS = 'import-x/no-restricted-paths';
const IMPORTS = 'no-restricted-imports';
const TOOLING = '@typescript-eslint/no-restricted-imports';

describe('import boundaries', () => {
  it.each([
    ['main/core/x.ts', "import '../electron/ipc';", PATHS, 'core → the Electron host'],
    [
      'main/core/x.ts',
      "import { startWebEdition } from '../web';",
      PATHS,
      'core → the web host (index file)',
    ],
    [
      'main/core/x.ts',
      "import type { Simulator } from '../../simulator';",
      PATHS,
      'core → simulator (type only)',
    ],
    ['main/core/app/x.ts', "export * from '../../demo/embedded';", PATHS, 'core → the demo (re-export)'],
    ['main/core/x.ts', "export const ipc = () => import('../electron/ipc');", PATHS, 'core → host (dynamic)'],
    ['main/core/x.ts', "import { until } from './test-support/until';", PATHS, 'core → test support'],
    [
      'renderer/src/x.ts',
      "import { appState } from '../../common/test-support/views';",
      PATHS,
      'renderer → the test support in common',
    ],
    [
      'common/x.ts',
      "import { sessionView } from './test-support/views';",
      PATHS,
      'common → its test support',
    ],
    ['simulator/x.ts', "import './test-support/rest';", PATHS, 'simulator → its test support'],
    [
      'renderer/src/x.test.ts',
      "import '../../simulator/index';",
      PATHS,
      "a renderer test → simulator (main's only)",
    ],
    ['main/core/x.ts', "import { app } from 'electron';", IMPORTS, 'core → electron'],
    ['main/web/x.ts', "import '../electron/ipc';", PATHS, 'one host → the other'],
    ['main/demo/x.ts', "import '../web/index';", PATHS, 'demo → a host'],
    ['preload/x.ts', "import '../main/core/app-core';", PATHS, 'preload → core'],
    ['common/x.ts', "import '../main/core/app-core';", PATHS, 'common → core'],
    ['common/x.ts', "import '../simulator/index';", PATHS, 'common → simulator'],
    ['simulator/x.ts', "import '../main/core/controller';", PATHS, 'simulator → core'],
    ['renderer/src/x.ts', "import '../../main/core/app-core';", PATHS, 'renderer → core'],
    ['renderer/src/x.ts', "import '../../preload/index';", PATHS, 'renderer → preload'],
    ['renderer/src/x.ts', "import { readFile } from 'fs';", 'import-x/no-nodejs-modules', 'renderer → fs'],
    ['renderer/src/x.ts', "import 'node:path';", 'import-x/no-nodejs-modules', 'renderer → node:path'],
    ['main/web/x.ts', "import lighthouse from 'lighthouse';", TOOLING, 'a host → Lighthouse'],
    [
      'main/core/x.test.ts',
      "import { launch } from 'chrome-launcher';",
      TOOLING,
      'a core test → chrome-launcher',
    ],
    [
      'common/mask.ts',
      "export { createLogger } from './logger';",
      'import-x/no-cycle',
      'a cycle (the logger imports mask)',
    ],
  ])('%s: %s is refused (%s)', async (file, code, rule) => {
    expect(await rulesFired(file, code)).toEqual([rule]);
  });

  it.each([
    ['main/core/x.ts', "import '../../common/contract';", 'core → common'],
    ['main/core/x.test.ts', "import { startSimulator } from '../../simulator';", 'a core test → simulator'],
    ['main/core/app/x.test.ts', "import '../../demo/embedded';", 'a core test → the demo'],
    ['main/electron/x.ts', "import '../core/app-core'; import '../demo/embedded';", 'host → core and demo'],
    ['main/demo/x.ts', "import '../../simulator/index';", 'demo → simulator'],
    ['renderer/src/x.ts', "import '../../common/contract';", 'renderer → common'],
    ['bench/x.ts', "import lighthouse from 'lighthouse';", 'a bench → Lighthouse'],
    [
      'renderer/src/x.test.tsx',
      "import { appState } from '../../common/test-support/views';",
      'a renderer test → the shared builders',
    ],
    [
      'main/core/x.test.ts',
      "import { interactionView } from '../../common/test-support/views';",
      'a core test → the builders',
    ],
  ])('%s: %s is allowed (%s)', async (file, code) => {
    expect(await rulesFired(file, code)).toEqual([]);
  });
});

describe('promises', () => {
  it('a floating promise and a promise where a callback returns nothing are refused (type-aware)', async () => {
    // A real file's path, so the project service types it; the content is the snippet's.
    const typed = new ESLint({ cwd: root });
    const code = 'const f = async () => {};\nf();\n[1].forEach(async () => {});\nexport {};\n';
    const [result] = await typed.lintText(code, { filePath: `${root}/main/core/test-support/until.ts` });
    expect(result?.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['@typescript-eslint/no-floating-promises', 2],
      ['@typescript-eslint/no-misused-promises', 3],
    ]);
  }, 60_000); // builds the type-checked program of the root tsconfig once
});
