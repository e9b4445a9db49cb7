// The desktop wiring against a FAKE of Electron (fake-electron.test-support.ts): the Electron binary cannot
// run here. What is checked is our ordering and routing; the parsing, gating and models are tested in core.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { rmSync } from 'node:fs';
import type { BrowserWindow } from 'electron';
import type { AppError, AppState } from '../../common/contract';
import { defaultSettings } from '../../common/settings-schema';
import * as fake from './fake-electron.test-support';

const fakeUpdater = Object.assign(new EventEmitter(), {
  autoDownload: false,
  autoInstallOnAppQuit: false,
  logger: null as unknown,
  checks: 0,
  installs: 0,
  checkForUpdates() {
    this.checks++;
    return Promise.resolve(null);
  },
  quitAndInstall() {
    this.installs++;
  },
});
vi.mock('electron', () => import('./fake-electron.test-support').then((m) => m.electronModule));
vi.mock('electron-updater', () => ({ default: { autoUpdater: fakeUpdater } }));

const { beginDesktop } = await import('./desktop-integration');

const LINK = 'cobrowse-agent://join?sid=123456789';

function host(window = new fake.FakeWindow()) {
  const joined: string[] = [];
  const errors: AppError[] = [];
  let pushes = 0;
  return {
    window,
    joined,
    errors,
    pushes: () => pushes,
    host: {
      window: window as unknown as BrowserWindow,
      productName: 'Cobrowse Agent Shell',
      joinFromLink: (sid: string) => joined.push(sid),
      showError: (e: AppError) => errors.push(e),
      pushState: () => pushes++,
      settings: () => ({ settings: defaultSettings, locked: [], problems: [] }),
    },
  };
}

beforeEach(() => {
  fake.app.removeAllListeners();
  fake.app.isPackaged = false;
  fake.app.lockAvailable = true;
  fake.calls.length = 0;
  fake.clipboardText.length = 0;
  fake.shownNotifications.length = 0;
  fake.trays.length = 0;
  fakeUpdater.removeAllListeners();
  fakeUpdater.checks = fakeUpdater.installs = 0;
  delete process.env.COBROWSE_NO_SINGLE_INSTANCE;
});
afterEach(() => {
  fake.app.emit('will-quit');
});
afterAll(() => rmSync(fake.app.root, { recursive: true, force: true }));

describe('desktop integration (Electron faked)', () => {
  it('listens for open-url before ready and holds every link until the window is attached', () => {
    const desktop = beginDesktop(['app', LINK])!;
    expect(fake.app.listenerCount('open-url')).toBe(1);
    let prevented = false;
    fake.app.emit(
      'open-url',
      { preventDefault: () => (prevented = true) },
      'cobrowse-agent://join?sid=987654321',
    );
    expect(prevented).toBe(true);
    const h = host();
    expect(h.joined).toEqual([]);
    desktop.attach(h.host);
    expect(h.joined).toEqual(['123456789', '987654321']);
    expect(h.window.log).toContain('focus');
  });

  it('a second launch focuses the running window and joins; a bad link is refused with its reason', () => {
    const desktop = beginDesktop(['app'])!;
    const h = host();
    h.window.minimized = true;
    desktop.attach(h.host);
    fake.app.emit('second-instance', {}, ['app'], '/'); // a plain double click: just come to the front
    expect(h.window.log).toEqual(['restore', 'show', 'focus']);
    expect(h.joined).toEqual([]);
    fake.app.emit('second-instance', {}, ['app', '--flag', 'cobrowse-agent://join?sid=555000111'], '/');
    expect(h.joined).toEqual(['555000111']);
    fake.app.emit('second-instance', {}, ['app', 'cobrowse-agent://join?sid=1'], '/');
    expect(h.joined).toEqual(['555000111']);
    expect(h.errors).toEqual([
      {
        code: 'deep-link-refused',
        message: 'The sid in the link must be exactly 9 digits.',
        action: 'Ask the customer for the 9-digit session number and type it in the sidebar.',
      },
    ]);
  });

  it('gives way to a running instance, and skips the lock for parallel e2e runs', () => {
    fake.app.lockAvailable = false;
    expect(beginDesktop(['app'])).toBeNull();
    process.env.COBROWSE_NO_SINGLE_INSTANCE = '1';
    fake.calls.length = 0;
    expect(beginDesktop(['app'])).not.toBeNull();
    expect(fake.calls).not.toContain('requestSingleInstanceLock');
  });

  it('updates: disabled in development; when packaged, offers the restart only without an active session', async () => {
    const dev = beginDesktop(['app'])!;
    dev.attach(host().host);
    expect(dev.updateView([]).state).toBe('disabled');
    expect(fakeUpdater.checks).toBe(0);
    fake.app.emit('will-quit');
    fake.app.removeAllListeners();

    fake.app.isPackaged = true;
    const desktop = beginDesktop(['app'])!;
    const h = host();
    desktop.attach(h.host);
    await new Promise((r) => setImmediate(r));
    expect(fakeUpdater.checks).toBe(1); // checked at start
    expect(fake.calls).toContain('setAsDefaultProtocolClient cobrowse-agent');
    fakeUpdater.emit('update-available', { version: '2.0.0' });
    fakeUpdater.emit('update-downloaded', { version: '2.0.0' });
    expect(h.pushes()).toBe(2);
    expect(desktop.updateView(['active'])).toMatchObject({
      state: 'ready',
      version: '2.0.0',
      canRestart: false,
    });
    expect(desktop.restartToUpdate(['active']).ok).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(fakeUpdater.installs).toBe(0);
    expect(desktop.restartToUpdate(['ended'])).toEqual({ ok: true });
    await new Promise((r) => setImmediate(r));
    expect(fakeUpdater.installs).toBe(1);
  });

  it('tray follows the connection; a hidden window gets a notification for a chat co-browse request', () => {
    const desktop = beginDesktop(['app'])!;
    const h = host();
    desktop.attach(h.host);
    const base = {
      mode: 'live',
      connection: { state: 'connected', detail: null },
      interactions: [
        {
          id: 'c1',
          media: 'chat',
          customerName: 'Ada',
          state: 'active',
          cobrowseQuantity: 0,
          attachedData: {},
          pendingWrites: 0,
          timeline: [],
        },
      ],
      sessions: [],
    } as unknown as AppState;
    desktop.onState(null, base);
    expect(fake.trays[0]!.tooltip).toBe('Cobrowse Agent Shell: connected');
    h.window.visible = false;
    const next = {
      ...base,
      sessions: [{ id: 's1', interactionId: 'c1', phase: 'connecting' }],
    } as unknown as AppState;
    desktop.onState(base, next);
    expect(fake.shownNotifications).toEqual([
      { title: 'Co-browse requested', body: 'Ada asked to co-browse in chat. Open the sidebar to follow.' },
    ]);
  });

  it('copy diagnostics puts a bundle with the logs on the clipboard, tokens masked', async () => {
    const desktop = beginDesktop(['app'])!;
    desktop.attach(host().host);
    desktop.log.info('joined 123456789');
    await desktop.copyDiagnostics();
    expect(fake.clipboardText).toHaveLength(1);
    expect(fake.clipboardText[0]).toContain('Cobrowse Agent Shell 9.9.9');
    expect(fake.clipboardText[0]).toContain('joined ******789');
    expect(fake.clipboardText[0]).not.toContain('123456789');
  });
});
