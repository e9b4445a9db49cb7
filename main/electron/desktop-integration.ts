// The desktop integration the Electron entry needs, in two steps: `beginDesktop()` first thing in main,
// synchronously, before `app.whenReady()` (Windows AppUserModelID, single-instance lock, deep-link listeners,
// log files), then `desktop.attach(host)` once the sidebar window and the core exist. Each part lives in its
// own module.
import { app, Notification, type BrowserWindow } from 'electron';
import type {
  AppError,
  AppState,
  JoinPhase,
  SaveDiagnosticsOutcome,
  UpdateView,
} from '../../common/contract';
import type { Logger } from '../../common/logger';
import type { Settings } from '../../common/settings-schema';
import type { DiagnosticsAbout } from '../core/app-core';
import { intlForState } from '../core/i18n/intl';
import { canRestartForUpdate, initialUpdateView, type RestartDecision } from '../core/update/gate';
import { claimSingleInstance } from './single-instance';
import { pushDeepLinkFromArgv, receiveDeepLinks } from './deep-link';
import { createAppLog } from './log-file';
import { copyDiagnostics, saveDiagnostics } from './diagnostics';
import { startUpdater, type Updater } from './updater';
import { createStatusTray, type StatusTray } from './tray';
import { createCobrowseNotifier } from './notifications';

export interface DesktopHost {
  window: BrowserWindow;
  productName: string;
  /** A valid deep link: join as from the sidebar, e.g. `engine.join(sid, { via: 'deep-link' })`. */
  joinFromLink(sid: string): void;
  /** A refused deep link (or other desktop problem) for the sidebar, e.g. as `AppState.lastError`. */
  showError(error: AppError): void;
  /** Push a fresh AppState (the update offer changed). */
  pushState(): void;
  /** The effective settings (the updater follows the administrator's update settings). */
  settings(): Settings;
  /** The core's diagnostics bundle (settings, sessions, connection history) with the host's own lines. */
  diagnostics(about: DiagnosticsAbout): Promise<string>;
}

export interface Desktop {
  log: Logger;
  logFiles(): string[];
  attach(host: DesktopHost): void;
  /** `AppState.update`, gated on the sessions' phases. */
  updateView(sessionPhases: readonly JoinPhase[]): UpdateView;
  /** The sidebar's `restartToUpdate` request. */
  restartToUpdate(sessionPhases: readonly JoinPhase[]): RestartDecision;
  /** Call on every state push: tray state and words, co-browse notifications, in the agent's language. */
  onState(prev: AppState | null, next: AppState): void;
  /** Tray menu and the sidebar's "Copy diagnostics". */
  copyDiagnostics(): Promise<void>;
  /** The sidebar's "Save diagnostics…": the save dialog, then the file. */
  saveDiagnostics(): Promise<SaveDiagnosticsOutcome>;
}

/** electron-builder.yml's appId: the NSIS shortcuts' AppUserModelID, which Windows matches toasts against. */
const APP_ID = 'com.cobrowse.agentshell';
/** Our own, fixed for the product's life: Windows routes Action Center clicks to it. */
export const TOAST_ACTIVATOR_CLSID = '{5E0C2B3A-8F41-4D6B-9A7E-2C1D3F4B5A69}';

const show = (win: BrowserWindow) => {
  if (win.isDestroyed()) return; // closed: the app is quitting
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
};

/** Null when another instance already runs (it received our argv): quit at once. */
export function beginDesktop(argv: readonly string[] = process.argv): Desktop | null {
  // Without it a toast shows no icon, or none at all. The activator CLSID, fixed (a random one per run would
  // not match the toasts of a previous run), lets a toast clicked in the Action Center reach the app.
  if (process.platform === 'win32') {
    app.setAppUserModelId(APP_ID);
    app.setToastActivatorCLSID(TOAST_ACTIVATOR_CLSID);
  }
  const { log, files } = createAppLog();
  let host: DesktopHost | null = null;
  const links = receiveDeepLinks(argv);
  const claimed = claimSingleInstance((argv) => {
    if (host) show(host.window);
    pushDeepLinkFromArgv(links, argv);
  });
  if (!claimed) return null;

  let updater: Updater | null = null;
  let tray: StatusTray | null = null;
  let notify: ReturnType<typeof createCobrowseNotifier> | null = null;
  const desktop: Desktop = {
    log,
    logFiles: files,
    attach(h) {
      host = h;
      updater = startUpdater({ log, onChange: () => h.pushState(), settings: h.settings() });
      tray = createStatusTray({
        productName: h.productName,
        actions: {
          open: () => show(h.window),
          copyDiagnostics: () => void desktop.copyDiagnostics(),
          quit: () => app.quit(),
        },
      });
      notify = createCobrowseNotifier({
        isWindowVisible: () => !h.window.isDestroyed() && h.window.isVisible() && !h.window.isMinimized(),
        onClick: () => show(h.window),
      });
      // Windows: a toast clicked after its object is gone (Action Center, after a restart, a cold start).
      if (process.platform === 'win32') Notification.handleActivation(() => show(h.window));
      links.ready((link) => {
        if (link.ok) {
          show(h.window);
          h.joinFromLink(link.sid);
        } else {
          log.warn('deep link refused', { reason: link.reason, name: link.name });
          h.showError({ code: 'deep-link-refused', params: { reason: link.reason, name: link.name } });
        }
      });
    },
    // Before attach there is no updater yet: nothing on offer.
    updateView: (phases) => updater?.view(phases) ?? initialUpdateView(true),
    restartToUpdate: (phases) =>
      updater?.restartToUpdate(phases) ?? canRestartForUpdate(initialUpdateView(true), phases),
    onState(prev, next) {
      const intl = intlForState(next);
      tray?.update(next, intl);
      if (prev && next.settings.notifyOnRequest) notify?.(prev, next, intl);
    },
    async copyDiagnostics() {
      if (!host) return;
      const length = await copyDiagnostics(host, files());
      log.info('diagnostics copied to the clipboard', { length });
    },
    async saveDiagnostics() {
      if (!host) throw new Error('no sidebar window to save from yet');
      const outcome = await saveDiagnostics(host, files(), host.window);
      log.info('diagnostics save', { outcome: outcome.outcome });
      return outcome;
    },
  };
  app.on('will-quit', () => {
    updater?.stop();
    tray?.destroy();
  });
  return desktop;
}
