// The CI workflows: desktop.yml builds installers, smoke-tests the packaged app and runs the `_electron` e2e
// suite on Windows and macOS runners; ci.yml runs .ci/run on Linux. They cannot run here; this checks they
// parse and say what they must.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';
import { packagedApp } from './packaged-app';

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

  it('builds the installers, smoke-tests the packaged app, runs the _electron e2e suite, then uploads the installers', () => {
    const names = job.steps.map((s) => s.name);
    const build = names.indexOf('Build installers');
    const smoke = names.indexOf('Smoke-test the packaged app');
    const e2e = names.indexOf('Run the _electron e2e suite');
    const upload = names.indexOf('Upload installers');
    expect(build).toBeGreaterThan(-1);
    expect(smoke).toBeGreaterThan(build);
    expect(e2e).toBeGreaterThan(smoke);
    expect(upload).toBeGreaterThan(e2e);
    expect(step('Build installers').run).toBe('npm run ${{ matrix.dist }}');
    expect(step('Run the _electron e2e suite').run).toBe(
      'npx playwright test -c e2e/playwright.config.ts e2e/electron/',
    );
    expect(step('Run the _electron e2e suite').env).toEqual({ COBROWSE_NO_SINGLE_INSTANCE: '1' });
  });

  it('smoke-tests the app electron-builder unpacked for each runner, named after productName', () => {
    expect(step('Smoke-test the packaged app').run).toBe('npx tsx scripts/smoke-packaged.ts');
    expect(readFileSync(new URL('./smoke-packaged.ts', import.meta.url), 'utf8')).toContain("'--smoke-test'");
    const app = (platform: NodeJS.Platform, arch: string) =>
      packagedApp({
        platform,
        arch,
        productName: 'Cobrowse Agent Shell',
        home: '/Users/ann',
        appData: 'C:\\AppData',
      });
    expect(app('win32', 'x64')).toEqual({
      executable: join('dist', 'win-unpacked', 'Cobrowse Agent Shell.exe'),
      logFile: join('C:\\AppData', 'Cobrowse Agent Shell', 'logs', 'main.log'),
    });
    expect(app('darwin', 'arm64')).toEqual({
      executable: join(
        'dist',
        'mac-arm64',
        'Cobrowse Agent Shell.app',
        'Contents',
        'MacOS',
        'Cobrowse Agent Shell',
      ),
      logFile: join('/Users/ann', 'Library', 'Logs', 'Cobrowse Agent Shell', 'main.log'),
    });
    expect(app('darwin', 'x64')?.executable).toContain(join('dist', 'mac', 'Cobrowse'));
  });

  it('on a tag (a release): refuses an unsigned build and publishes to the update feed after the checks', () => {
    expect(job.env?.COBROWSE_RELEASE).toBe("${{ startsWith(github.ref, 'refs/tags/v') && '1' || '' }}");
    expect(readFileSync(new URL('./dist.ts', import.meta.url), 'utf8')).toContain('releaseProblem(');
    expect(workflow.on.push).toMatchObject({ tags: ['v*'] });
    const names = job.steps.map((s) => s.name);
    const publish = step('Publish the release to the update feed');
    expect(publish.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(names.indexOf(publish.name)).toBeGreaterThan(names.indexOf('Run the _electron e2e suite'));
    for (const file of ['dist/*.exe', 'dist/*.msi', 'dist/*.dmg', 'dist/*.zip', 'dist/latest*.yml'])
      expect(publish.run).toContain(file);
    expect(publish.run).toContain('.admx');
  });

  it('takes signing, notarization and the update feed from secrets and variables only', () => {
    expect(job.env).toMatchObject({
      COBROWSE_UPDATE_URL: '${{ vars.COBROWSE_UPDATE_URL }}',
      CSC_LINK: '${{ secrets.CSC_LINK }}',
      APPLE_API_KEY_ID: '${{ secrets.APPLE_API_KEY_ID }}',
      AZURE_TRUSTED_SIGNING_ACCOUNT: '${{ vars.AZURE_TRUSTED_SIGNING_ACCOUNT }}',
      AZURE_CLIENT_SECRET: '${{ secrets.AZURE_CLIENT_SECRET }}',
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
