// The stub Electron runtime keeps the documented rules the host relies on for the shift's end and accidents:
// each rule here shown holding (and, where it is a refusal, refusing), so a host test on the stub means what it
// says.
import { afterEach, describe, expect, it } from 'vitest';
import {
  app,
  BrowserWindow,
  crashReporter,
  fake,
  Notification,
  powerMonitor,
  safeStorage,
  WebContentsView,
} from './test-support/fake-electron';

afterEach(() => fake.reset());

describe('the stub Electron runtime', () => {
  // First: the one rule that needs a process not yet ready.
  it('toast activation and the activator CLSID exist on Windows only; safeStorage is async-ready only after ready', async () => {
    expect(() => Notification.handleActivation(() => {})).toThrow(TypeError);
    expect(() => app.setToastActivatorCLSID('{5E0C2B3A-8F41-4D6B-9A7E-2C1D3F4B5A69}')).toThrow(TypeError);
    await expect(safeStorage.encryptStringAsync('x')).rejects.toThrow(/before the app is ready/);
  });

  it('Windows session end: query-session-end can block it, a critical one cannot; then session-end and the OS ends the process', async () => {
    fake.ready();
    const win = new BrowserWindow();
    const seen: string[] = [];
    win.on('query-session-end', (e: { reasons: string[]; preventDefault(): void }) => {
      seen.push(`query ${e.reasons.join(',')}`);
      e.preventDefault();
    });
    win.on('session-end', () => seen.push('end'));
    expect(fake.windowsSessionEnd(['logoff'])).toBe(true);
    expect(fake.windowsSessionEnd(['shutdown', 'critical'])).toBe(false);
    expect(seen).toEqual(['query logoff', 'query shutdown,critical', 'end']);
    await fake.until(() => fake.calls.includes('ended by the OS at session end'));
  });

  it('powerMonitor shutdown: delayed only when a handler prevents it', async () => {
    fake.ready();
    expect(fake.systemShutdown()).toBe(false);
    await fake.until(() => fake.calls.includes('ended by the OS at shutdown'));
    fake.reset();
    powerMonitor.on('shutdown', (e: { preventDefault(): void }) => e.preventDefault());
    expect(fake.systemShutdown(60_000)).toBe(true);
  });

  it('a crashed renderer keeps its webContents; a reload runs the page (and its preload) again; a hang drops what main sends', async () => {
    fake.ready();
    const view = new WebContentsView();
    const wc = view.webContents;
    const gone: unknown[] = [];
    wc.on('render-process-gone', (_e, details) => gone.push(details));
    await wc.loadURL('https://example.test/');
    fake.crashRenderer(wc, 'oom');
    expect(gone).toEqual([{ reason: 'oom', exitCode: 1 }]);
    expect(wc.isDestroyed()).toBe(false);
    expect(wc.isCrashed()).toBe(true);
    wc.reload();
    await fake.until(() => wc.loads.length === 2 && !wc.isCrashed());
    const heard: unknown[] = [];
    wc.pageListeners.set('x', new Set([(_e: unknown, p: unknown) => heard.push(p)]));
    fake.hangRenderer(wc);
    wc.send('x', 1);
    wc.forcefullyCrashRenderer();
    expect(gone.at(-1)).toEqual({ reason: 'killed', exitCode: 15 });
    expect(heard).toEqual([]);
  });

  it('crashReporter needs a submitURL unless uploads are off, and must start before any renderer', () => {
    expect(() => crashReporter.start({})).toThrow(/submitURL/);
    crashReporter.start({ uploadToServer: false });
    fake.ready();
    new BrowserWindow(); // a renderer now exists
    expect(() => crashReporter.start({ uploadToServer: false })).toThrow(/not monitored/);
  });
});
