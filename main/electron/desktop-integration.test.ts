// The desktop wiring against the stub Electron runtime (test-support/fake-electron/): the Electron binary
// cannot run here. What is checked is our ordering and routing; the parsing, gating and models are tested in core.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import type { BrowserWindow as ElectronWindow } from 'electron';
import type { AppError, AppState } from '../../common/contract';
import { defaultSettings } from '../../common/settings-schema';
import type { DiagnosticsAbout } from '../core/app-core';
import { buildDiagnostics } from '../core/diagnostics/bundle';
import { mainIntl } from '../core/i18n/intl';
import { app, BrowserWindow, fake, Menu } from './test-support/fake-electron';

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
vi.mock('electron', () => import('./test-support/fake-electron'));
vi.mock('electron-updater', () => ({ default: { autoUpdater: fakeUpdater } }));

const { beginDesktop, TOAST_ACTIVATOR_CLSID } = await import('./desktop-integration');
const { followAppMenu } = await import('./app-menu');

const LINK = 'cobrowse-agent://join?sid=123456789';

/** The sidebar window: the app is ready by then (links that came before wait for it). */
function sidebarWindow(): BrowserWindow {
  fake.ready();
  return new BrowserWindow({ show: true });
}

function host(window = sidebarWindow()) {
  const joined: string[] = [];
  const errors: AppError[] = [];
  let pushes = 0;
  return {
    window,
    joined,
    errors,
    pushes: () => pushes,
    host: {
      window: window as unknown as ElectronWindow,
      productName: 'Cobrowse Agent Shell',
      joinFromLink: (sid: string) => joined.push(sid),
      showError: (e: AppError) => errors.push(e),
      pushState: () => pushes++,
      diagnostics: (about: DiagnosticsAbout) =>
        buildDiagnostics({
          ...about,
          logFiles: about.logFiles ?? [],
          settings: defaultSettings,
          locked: [],
          problems: [],
        }),
      settings: () => defaultSettings,
    },
  };
}

/** Runs `fn` with process.platform reading `platform` (the code under test branches on it). */
function onPlatform<T>(platform: NodeJS.Platform, fn: () => T): T {
  const original = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { ...original, value: platform });
  try {
    return fn();
  } finally {
    Object.defineProperty(process, 'platform', original);
  }
}

const focused = (win: BrowserWindow) => fake.calls.includes(`window ${win.id} focus`);

beforeEach(() => {
  fake.reset();
  fakeUpdater.removeAllListeners();
  fakeUpdater.checks = fakeUpdater.installs = 0;
  delete process.env.COBROWSE_NO_SINGLE_INSTANCE;
});
afterEach(() => {
  app.emit('will-quit');
});
afterAll(() => rmSync(fake.home, { recursive: true, force: true }));

describe('desktop integration (on the stub Electron runtime)', () => {
  it('listens for open-url before ready and holds every link until the window is attached', () => {
    expect(app.isReady()).toBe(false);
    const desktop = beginDesktop(['app', LINK])!;
    expect(app.listenerCount('open-url')).toBe(1);
    let prevented = false;
    app.emit('open-url', { preventDefault: () => (prevented = true) }, 'cobrowse-agent://join?sid=987654321');
    expect(prevented).toBe(true);
    const h = host();
    expect(h.joined).toEqual([]);
    desktop.attach(h.host);
    expect(h.joined).toEqual(['123456789', '987654321']);
    expect(focused(h.window)).toBe(true);
  });

  it('a second launch focuses the running window and joins; a bad link is refused with its reason', () => {
    const desktop = beginDesktop(['app'])!;
    const h = host();
    h.window.minimize();
    h.window.hide();
    desktop.attach(h.host);
    fake.secondInstance(['app']); // a plain double click: just come to the front
    expect([h.window.isMinimized(), h.window.isVisible(), focused(h.window)]).toEqual([false, true, true]);
    expect(h.joined).toEqual([]);
    fake.secondInstance(['app', '--flag', 'cobrowse-agent://join?sid=555000111']);
    expect(h.joined).toEqual(['555000111']);
    fake.secondInstance(['app', 'cobrowse-agent://join?sid=1']);
    expect(h.joined).toEqual(['555000111']);
    expect(h.errors).toEqual([
      { code: 'deep-link-refused', params: { reason: 'sid-not-9-digits', name: null } },
    ]);
  });

  it("on Windows, takes the installer shortcuts' AppUserModelID (electron-builder.yml appId) so toasts match them", () => {
    const { appId } = load(readFileSync('electron-builder.yml', 'utf8')) as { appId: string };
    onPlatform('win32', () => beginDesktop(['app']));
    expect(fake.calls).toContain(`app.setAppUserModelId ${appId}`);
    app.removeAllListeners();
    fake.calls.length = 0;
    onPlatform('darwin', () => beginDesktop(['app'])); // Windows only: Electron has no such method elsewhere
    expect(fake.calls.filter((c) => c.startsWith('app.setAppUserModelId'))).toEqual([]);
  });

  it('on Windows, a toast clicked in the Action Center after a restart brings up the sidebar (fixed activator CLSID)', () => {
    const h = host();
    fake.activateToast(); // clicked before the app was up: a cold start from the toast
    onPlatform('win32', () => {
      const desktop = beginDesktop(['app'])!;
      h.window.hide();
      desktop.attach(h.host);
    });
    expect(fake.calls).toContain(`app.setToastActivatorCLSID ${TOAST_ACTIVATOR_CLSID}`);
    expect(app.toastActivatorCLSID).toBe(TOAST_ACTIVATOR_CLSID);
    expect(h.window.isVisible()).toBe(true);
    h.window.hide();
    fake.activateToast();
    expect(h.window.isVisible()).toBe(true);
  });

  it('gives way to a running instance, and skips the lock for parallel e2e runs', () => {
    fake.otherInstanceRunning = true;
    expect(beginDesktop(['app'])).toBeNull();
    process.env.COBROWSE_NO_SINGLE_INSTANCE = '1';
    fake.calls.length = 0;
    expect(beginDesktop(['app'])).not.toBeNull();
    expect(fake.calls).not.toContain('app.requestSingleInstanceLock');
  });

  it('updates: disabled in development; when packaged, offers the restart only without an active session', async () => {
    const dev = beginDesktop(['app'])!;
    dev.attach(host().host);
    expect(dev.updateView([]).state).toBe('disabled');
    expect(fakeUpdater.checks).toBe(0);
    app.emit('will-quit');
    app.removeAllListeners();

    app.isPackaged = true;
    const desktop = beginDesktop(['app'])!;
    const h = host();
    desktop.attach(h.host);
    await new Promise((r) => setImmediate(r));
    expect(fakeUpdater.checks).toBe(1); // checked at start
    expect(fake.calls).toContain('app.setAsDefaultProtocolClient cobrowse-agent');
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

  const chatOpen = {
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
    settings: { notifyOnRequest: true, language: 'system' },
    systemLocale: 'en-US',
  } as unknown as AppState;
  const chatAsksForCobrowse = {
    ...chatOpen,
    sessions: [{ id: 's1', interactionId: 'c1', phase: 'connecting' }],
  } as unknown as AppState;

  it('tray follows the connection; a hidden window gets a notification for a chat co-browse request', () => {
    const desktop = beginDesktop(['app'])!;
    const h = host();
    desktop.attach(h.host);
    desktop.onState(null, chatOpen);
    expect(fake.trays[0]!.tooltip).toBe('Cobrowse Agent Shell: connected');
    h.window.hide();
    desktop.onState(chatOpen, chatAsksForCobrowse);
    expect(fake.notifications.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Co-browse requested', body: 'Ada asked to co-browse in chat. Open the sidebar to follow.' },
    ]);
  });

  it("tray words in the agent's language: the menu is rebuilt when the Language setting changes, not on every push", () => {
    const desktop = beginDesktop(['app'])!;
    const h = host();
    desktop.attach(h.host);
    const tray = fake.trays[0]!;
    const labels = () => fake.menuLabels(tray.menus.at(-1) ?? null);
    const speaking = (language: string, systemLocale = 'en-US') =>
      ({ ...chatOpen, settings: { ...chatOpen.settings, language }, systemLocale }) as AppState;
    desktop.onState(null, speaking('system', 'de-AT'));
    expect(labels()).toEqual(['Cobrowse Agent Shell öffnen', 'Diagnosedaten kopieren', 'Beenden']);
    expect(tray.tooltip).toBe('Cobrowse Agent Shell: verbunden');
    desktop.onState(speaking('system', 'de-AT'), speaking('de'));
    expect(tray.menus).toHaveLength(1); // the same words: left alone
    desktop.onState(speaking('de'), speaking('ar'));
    expect(tray.menus).toHaveLength(2);
    expect(labels()).toEqual(['فتح Cobrowse Agent Shell', 'نسخ بيانات التشخيص', 'إنهاء']);
    expect(tray.tooltip).toBe('Cobrowse Agent Shell: متصل');
    h.window.hide();
    desktop.onState(speaking('ar'), {
      ...chatAsksForCobrowse,
      settings: speaking('ar').settings,
    } as AppState);
    expect(fake.notifications.map((n) => n.title)).toEqual(['طلب تصفح مشترك']);
  });

  it("the app menu in the agent's language, set again only when its words change", () => {
    fake.ready();
    const appMenu = followAppMenu();
    const labels = () => fake.menuLabels(Menu.getApplicationMenu());
    appMenu(mainIntl('de'));
    const german = Menu.getApplicationMenu();
    expect(labels()).toEqual(
      expect.arrayContaining(['Bearbeiten', 'Einfügen', 'Alles auswählen', 'Fenster']),
    );
    appMenu(mainIntl('de'));
    expect(Menu.getApplicationMenu()).toBe(german);
    appMenu(mainIntl('ar'));
    expect(labels()).toEqual(expect.arrayContaining(['تحرير', 'لصق', 'تحديد الكل', 'نافذة']));
    expect(fake.menuRoles(Menu.getApplicationMenu())).toEqual(expect.arrayContaining(['copy', 'paste']));
  });

  it('no notification when the agent turned them off (setting notifyOnRequest)', () => {
    const desktop = beginDesktop(['app'])!;
    const h = host();
    desktop.attach(h.host);
    h.window.hide();
    const off = { settings: { notifyOnRequest: false, language: 'system' } };
    desktop.onState({ ...chatOpen, ...off } as AppState, { ...chatAsksForCobrowse, ...off } as AppState);
    expect(fake.notifications).toEqual([]);
  });

  it('a notification clicked after a garbage collection still brings the sidebar up', async () => {
    const desktop = beginDesktop(['app'])!;
    const h = host();
    desktop.attach(h.host);
    h.window.hide();
    desktop.onState(chatOpen, chatAsksForCobrowse);
    await fake.collectGarbage();
    expect(fake.clickNotification(0)).toBe(true);
    expect(h.window.isVisible()).toBe(true);
  });

  it('copy diagnostics puts a bundle with the logs on the clipboard, tokens masked', async () => {
    const desktop = beginDesktop(['app'])!;
    desktop.attach(host().host);
    desktop.log.info('joined 123456789');
    await desktop.copyDiagnostics();
    expect(fake.clipboard).toHaveLength(1);
    expect(fake.clipboard[0]).toContain(`${app.getName()} ${app.getVersion()}`);
    expect(fake.clipboard[0]).toContain('joined ******789');
    expect(fake.clipboard[0]).not.toContain('123456789');
  });

  it('save diagnostics asks where in a dialog on the sidebar, offering Downloads, and writes the bundle there', async () => {
    const desktop = beginDesktop(['app'])!;
    desktop.attach(host().host);
    desktop.log.info('joined 123456789');
    const target = join(fake.home, 'support', 'for-ticket.txt');
    fake.saveDialogAnswer = target;
    expect(await desktop.saveDiagnostics()).toEqual({ outcome: 'saved', path: target });
    expect(fake.saveDialogs).toEqual([
      {
        modal: true,
        defaultPath: expect.stringMatching(/Downloads[/\\]cobrowse-diagnostics-\d{4}-\d\d-\d\d\.txt$/),
      },
    ]);
    const text = readFileSync(target, 'utf8');
    expect(text).toContain(`${app.getName()} ${app.getVersion()}`);
    expect(text).toContain('joined ******789');
    expect(text).not.toContain('123456789');
  });

  it('a cancelled save dialog writes nothing and says so, not as an error', async () => {
    const desktop = beginDesktop(['app'])!;
    desktop.attach(host().host);
    fake.saveDialogAnswer = null;
    expect(await desktop.saveDiagnostics()).toEqual({ outcome: 'cancelled' });
    expect(existsSync(join(fake.home, 'Downloads'))).toBe(false);
  });
});
