// Builds the desktop bundles with electron-vite (as `npm run dist` does) and starts the built main bundle on
// the stub Electron runtime in a child process (fake-electron-main.ts). Driven like
// Playwright's `_electron`: `evaluate(fn, arg)` runs `fn(electron, arg)` in the app's process, so `fn` must
// not use anything from the test's scope.
import { execFile, fork } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { localBin } from '../../../scripts/local-tools';

type Electron = typeof import('./fake-electron');

/** A scratch out/ inside the project, so the bundle's bare imports resolve from node_modules as out/'s do. */
export async function buildDesktopBundles(): Promise<{ outDir: string; remove(): Promise<void> }> {
  const cache = resolve('node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  // Absolute: electron-vite resolves a relative one against each build's root (the renderer's is renderer/).
  const outDir = await mkdtemp(join(cache, 'desktop-bundles-'));
  await promisify(execFile)(localBin('electron-vite'), ['build', '--outDir', outDir, '--logLevel', 'warn'], {
    shell: process.platform === 'win32',
  });
  return { outDir, remove: () => rm(outDir, { recursive: true, force: true }) };
}

export interface ExitReport {
  exit: number;
  calls: string[];
  violations: string[];
  mainProcessErrors: string[];
}

export interface StubbedApp {
  evaluate<A, R>(fn: (electron: Electron, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Settles when the process ends: its report, or null when it died without one (killed, crashed). */
  readonly exited: Promise<ExitReport | null>;
  /** The exit report; fails with the app's errors when it is still running after `ms`. */
  exitWithin(ms: number): Promise<ExitReport | null>;
  /** The fake home folder the app's userData, logs and settings live in. */
  readonly home: string;
  /** stdout and stderr so far (development runs mirror the log there). */
  output(): string;
  close(): Promise<void>;
}

export async function launchOnStub(
  outDir: string,
  opts: { args?: string[]; packaged?: boolean; sidebarPage?: boolean } = {},
): Promise<StubbedApp> {
  const home = await mkdtemp(join(tmpdir(), 'stub-app-home-'));
  const { COBROWSE_NO_SINGLE_INSTANCE: _lock, ELECTRON_RENDERER_URL: _dev, ...env } = process.env;
  const child = fork(
    fileURLToPath(new URL('./fake-electron-main.ts', import.meta.url)),
    [join(outDir, 'main', 'index.js'), ...(opts.args ?? [])],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...env,
        FAKE_ELECTRON_HOME: home,
        FAKE_ELECTRON_PACKAGED: opts.packaged ? '1' : '0',
        FAKE_ELECTRON_SIDEBAR_PAGE: opts.sidebarPage === false ? 'off' : 'on',
      },
    },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));

  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let report: ExitReport | null = null;
  child.on(
    'message',
    (m: { id?: number; ok?: boolean; value?: unknown; error?: string } & Partial<ExitReport>) => {
      if (m.exit !== undefined) report = m as ExitReport;
      const p = m.id === undefined ? undefined : pending.get(m.id);
      if (!p) return;
      pending.delete(m.id!);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(`in the app: ${m.error}`));
    },
  );
  const exited = new Promise<ExitReport | null>((resolve) =>
    child.once('exit', () => {
      for (const p of pending.values()) p.reject(new Error(`the app exited:\n${output}`));
      resolve(report);
    }),
  );
  let nextId = 1;
  const app: StubbedApp = {
    home,
    exited,
    output: () => output,
    evaluate: (fn, arg) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, source: fn.toString(), arg });
      }),
    async exitWithin(ms) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'running'>((resolve) => (timer = setTimeout(() => resolve('running'), ms)));
      const result = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (result !== 'running') return result;
      const errors = await app.evaluate(({ fake }) => [...fake.violations, ...fake.mainProcessErrors]);
      throw new Error(`the app still runs after ${ms} ms; its errors:\n${errors.join('\n')}`);
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
      await rm(home, { recursive: true, force: true });
    },
  };
  return app;
}
