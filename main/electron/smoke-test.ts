// `--smoke-test`: the desktop workflow starts the packaged app with it, since Playwright cannot drive a binary
// whose inspect fuse is off. The app quits normally (exit 0) once the sidebar's page said `ready`, so the
// built bundle, asar, fuses, preload and renderer all worked; it exits 1 at the first main-process error
// (which Electron would otherwise show in a dialog and carry on) or when it quits before that.
import { app, type BrowserWindow } from 'electron';
import type { Logger } from '../../common/logger';

const SMOKE_TEST_FLAG = '--smoke-test';

export interface SmokeTest {
  /** Once the log and the sidebar exist: failures are logged too, and a failed load or preload fails. */
  watch(sidebar: BrowserWindow, log: Logger): void;
  /** The sidebar's page said ready. */
  passed(): void;
}

/** Call first thing in main: from then on any main-process error fails the run. Null without the flag. */
export function armSmokeTest(argv: readonly string[] = process.argv): SmokeTest | null {
  if (!argv.includes(SMOKE_TEST_FLAG)) return null;
  let log: Logger | null = null;
  let done = false;
  const fail = (what: string, error: unknown) => {
    if (done) return;
    done = true;
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`smoke test failed: ${what}: ${detail}\n`);
    log?.error('smoke test failed', { what, error: detail });
    app.exit(1);
  };
  process.on('uncaughtException', (err) => fail('uncaught exception', err));
  process.on('unhandledRejection', (err) => fail('unhandled rejection', err));
  app.on('will-quit', (event) => {
    if (done) return;
    event.preventDefault();
    fail('quit', 'before the sidebar said ready');
  });
  return {
    watch(sidebar, l) {
      log = l;
      const wc = sidebar.webContents;
      wc.on('did-fail-load', (_e, code, description) => fail('sidebar load', `${code} ${description}`));
      wc.on('preload-error', (_e, path, err) => fail(`preload ${path}`, err));
      wc.on('render-process-gone', (_e, details) => fail('sidebar renderer gone', details.reason));
    },
    passed() {
      if (done) return;
      done = true;
      log?.info('smoke test passed: the sidebar said ready');
      process.stdout.write('smoke test passed\n');
      app.quit();
    },
  };
}
