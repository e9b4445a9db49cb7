// The CI workflows: desktop.yml builds installers and runs the `_electron` e2e suite on Windows and macOS
// runners; ci.yml runs .ci/run on Linux. They cannot run here; this checks they parse and say what they must.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { z } from 'zod';

const Step = z.object({
  name: z.string(),
  uses: z.string().optional(),
  run: z.string().optional(),
  if: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
});
const Workflow = z.object({
  name: z.string(),
  on: z.record(z.string(), z.unknown()),
  jobs: z.record(
    z.string(),
    z.object({
      'runs-on': z.string(),
      strategy: z.object({
        matrix: z.object({ include: z.array(z.object({ os: z.string(), dist: z.string() })) }),
      }),
      env: z.record(z.string(), z.string()).optional(),
      steps: z.array(Step),
    }),
  ),
});

const text = readFileSync(new URL('../.github/workflows/desktop.yml', import.meta.url), 'utf8');
const workflow = Workflow.parse(load(text));
const job = workflow.jobs.desktop!;
const step = (name: string) => {
  const s = job.steps.find((x) => x.name === name);
  if (!s) throw new Error(`no step named "${name}"`);
  return s;
};
const scripts = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

describe('.github/workflows/desktop.yml', () => {
  it('runs on Windows and macOS runners, each building its own installers with an npm script that exists', () => {
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.strategy.matrix.include).toEqual([
      { os: 'windows-latest', dist: 'dist:win' },
      { os: 'macos-latest', dist: 'dist:mac' },
    ]);
    for (const { dist } of job.strategy.matrix.include) expect(scripts[dist]).toMatch(/scripts\/dist\.ts/);
    expect(workflow.on).toHaveProperty('pull_request');
  });

  it('installs with the Electron binary (never skips its download)', () => {
    expect(step('Install dependencies (with the Electron binary)').run).toBe('npm ci --no-audit --no-fund');
    expect(text).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  });

  it('builds the installers, then runs the _electron e2e suite, then uploads the installers', () => {
    const names = job.steps.map((s) => s.name);
    const build = names.indexOf('Build installers');
    const e2e = names.indexOf('Run the _electron e2e suite');
    const upload = names.indexOf('Upload installers');
    expect(build).toBeGreaterThan(-1);
    expect(e2e).toBeGreaterThan(build);
    expect(upload).toBeGreaterThan(e2e);
    expect(step('Build installers').run).toBe('npm run ${{ matrix.dist }}');
    expect(step('Run the _electron e2e suite').run).toBe(
      'npx playwright test -c e2e/playwright.config.ts e2e/electron/',
    );
    expect(step('Run the _electron e2e suite').env).toEqual({ COBROWSE_NO_SINGLE_INSTANCE: '1' });
  });

  it('takes signing, notarization and the update feed from secrets and variables only', () => {
    expect(job.env).toMatchObject({
      COBROWSE_UPDATE_URL: '${{ vars.COBROWSE_UPDATE_URL }}',
      CSC_LINK: '${{ secrets.CSC_LINK }}',
      APPLE_API_KEY_ID: '${{ secrets.APPLE_API_KEY_ID }}',
    });
  });
});

describe('.github/workflows/ci.yml', () => {
  const ci = z
    .object({
      on: z.record(z.string(), z.unknown()),
      jobs: z.object({
        linux: z.object({ 'runs-on': z.string(), container: z.string(), steps: z.array(Step) }),
      }),
    })
    .parse(load(readFileSync(new URL('../.github/workflows/ci.yml', import.meta.url), 'utf8')));

  it('runs .ci/run on Linux, as root in Debian (where its apt-get install of chromium works), on every push and PR', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(ci.on.push).toBeNull(); // every branch, not only main
    expect(ci.jobs.linux['runs-on']).toBe('ubuntu-latest');
    expect(ci.jobs.linux.container).toMatch(/^node:20(\.\d+)*-bookworm$/);
    expect(ci.jobs.linux.steps.map((s) => s.run)).toContain('bash .ci/run');
  });
});
