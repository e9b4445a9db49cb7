// Runs a BUILT main bundle in plain Node on the stub Electron runtime (fake-electron/), as
// Electron 45 starts an app: `electron` is the stub for import and require alike, process.argv is Electron's,
// `ready` comes once the main script ran, and an uncaught error is kept, not fatal (Electron shows
// "A JavaScript error occurred in the main process" unless the app listens itself, and carries on). The parent
// (fake-electron-launch.ts) drives it with evaluate messages and gets a report at exit.
// Usage: node --import tsx fake-electron-main.ts <out/main/index.js> [app arguments…]
import Module, { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

/** The part of the preload's `window.cobrowse` the sidebar's page uses at start. */
interface SidebarApi {
  on(name: 'state', listener: (state: unknown) => void): unknown;
  invoke(name: 'ready', input: object): Promise<unknown>;
}

const [bundle, ...appArgs] = process.argv.slice(2);
const stubUrl = new URL('./fake-electron/index.ts', import.meta.url).href;
register(
  'data:text/javascript,' +
    encodeURIComponent(
      `export const resolve = (specifier, context, next) => specifier === 'electron'
        ? { url: ${JSON.stringify(stubUrl)}, shortCircuit: true } : next(specifier, context);`,
    ),
);
const electron = (await import(stubUrl)) as typeof import('./fake-electron');
const { fake } = electron;
// CommonJS dependencies (electron-updater) require it too: the same module instance, from require's cache.
const cjs = createRequire(import.meta.url);
const cached = new Module(cjs.resolve('electron'));
cached.exports = electron;
cached.loaded = true;
cjs.cache[cached.id] = cached;

const report = (error: unknown) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  fake.mainProcessErrors.push(text);
  process.stderr.write(`main process error: ${text}\n`);
};
// Electron's own handler shows its modal error box only when the app listens for none itself.
process.on('uncaughtException', (error) => {
  report(error);
  if (process.listenerCount('uncaughtException') === 1)
    electron.dialog.showErrorBox('A JavaScript error occurred in the main process', String(error));
});
process.on('unhandledRejection', report);

fake.onExit = (code) => {
  const { calls, violations, mainProcessErrors } = fake;
  process.send!({ exit: code, calls, violations, mainProcessErrors }, () => process.exit(code));
};

// The sidebar page's own part, as renderer/src/store.ts plays it once mounted: subscribe, then say ready.
if (process.env.FAKE_ELECTRON_SIDEBAR_PAGE !== 'off')
  fake.pageScript = (wc) => {
    const api = wc.world.cobrowse as SidebarApi | undefined;
    if (!api || wc.document?.status !== 200) return;
    const states: unknown[] = [];
    wc.page.states = states;
    api.on('state', (state) => states.push(state));
    void api.invoke('ready', {}).then((reply) => (wc.page.ready = reply));
  };

type Evaluate = { id: number; source: string; arg: unknown };
process.on('message', (msg: Evaluate) => void answer(msg));

async function answer(msg: Evaluate): Promise<void> {
  try {
    const fn = new Function(`return (${msg.source})`)() as (e: typeof electron, arg: unknown) => unknown;
    process.send!({ id: msg.id, ok: true, value: await fn(electron, msg.arg) });
  } catch (err) {
    process.send!({
      id: msg.id,
      ok: false,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  }
}

// `electron .` in development; a packaged app has no app path in argv.
process.argv = [process.execPath, ...(electron.app.isPackaged ? [] : ['.']), ...appArgs];
try {
  await import(pathToFileURL(bundle!).href);
} catch (err) {
  report(err);
}
setImmediate(() => fake.ready());
