// The Electron entry: a thin host over the core. The smoke test (when asked for) and desktop integration
// start synchronously (single instance, deep links, logs), then on ready: the app menu, the core, the
// sidebar window, its IPC, and the agent view.
import { app, safeStorage, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppError, AppState } from '../../common/contract';
import type { Logger } from '../../common/logger';
import { zoomFactorOf } from '../../common/contract-helpers';
import { chooseLocale } from '../../common/locale';
import { createAppCore, type AppCore } from '../core/app-core';
import { agentViewWindowTitle } from '../core/desktop/window-titles';
import { intlForState, mainIntl } from '../core/i18n/intl';
import { createStatePump } from '../core/ipc/state-pump';
import { AgentViewHost } from './agent-view';
import { followAppMenu } from './app-menu';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { beginDesktop, type Desktop } from './desktop-integration';
import { serveSidebarIpc } from './ipc';
import { createSafeStorageSecretStore } from './secret-store';
import { settingsPaths } from './settings-paths';
import { createSidebarWindow } from './sidebar-window';
import { armSmokeTest } from './smoke-test';
import { startLocalCrashDumps } from './crash-dumps';
import { catchMainProcessErrors } from './main-errors';
import { recoverRenderer } from './renderer-recovery';
import { guardShiftEnd, quitAfterStopping } from './shift-end';
import { closeDuringSessionQuestion } from '../core/desktop/close-confirm';
import { windowStateStore } from './window-state-file';
import { installWebContentsPolicy } from './web-contents-policy';
import { startEmbeddedDemo } from '../demo/embedded';
import { formatReport } from '../core/net/check/connection-check';
import { reportNetworkChanges, resolveSystemProxy } from './network-events';

const outDir = fileURLToPath(new URL('..', import.meta.url)); // out/ (this file is out/main/index.js)

const smoke = armSmokeTest();
startLocalCrashDumps();
registerAppScheme();
const desktop = beginDesktop();
const mainErrors = desktop ? catchMainProcessErrors(desktop.log) : null;
if (!desktop) app.quit();
else
  app.whenReady().then(
    () => start(desktop),
    (err: unknown) => desktop.log.error('app not ready', { error: String(err) }),
  );

async function start(desktop: Desktop): Promise<void> {
  const log = desktop.log;
  // In the OS's language until the settings are read (the Language setting may say otherwise).
  const appMenu = followAppMenu();
  appMenu(mainIntl(chooseLocale('system', app.getLocale())));
  // Before any window exists: every webContents, the agent pop-out included, gets the app-wide policy.
  installWebContentsPolicy(app, log.child('web-contents'));
  // electron-vite's dev server (unpackaged runs only) or the built sidebar over app://.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const appOrigin = devUrl ? new URL(devUrl).origin : APP_ORIGIN;
  if (!devUrl) serveRenderer(join(outDir, 'renderer'));

  const late: LateParts = {};
  const core = await startCore(desktop, late);
  // `--check-connection`: the connection check printed (stdout), then exit 0 when every step passed.
  if (process.argv.includes('--check-connection')) return checkConnectionAndExit(core);
  const stopNetworkReports = reportNetworkChanges(core);

  const sidebar = createSidebar(core, log);
  const tell = guardAccidents(sidebar, core, log);
  const agent = createAgentView(sidebar, core, log, tell);
  agent.setZoom(zoomFactorOf(core.settings().settings.agentPageZoom));
  Object.assign(late, { agent, window: sidebar });
  smoke?.watch(sidebar, log);
  const stopIpc = serveSidebarIpc(core, sidebar, appOrigin, log, () => smoke?.passed());

  followState(core, agent, appMenu, desktop);
  desktop.attach({
    window: sidebar,
    productName: app.getName(),
    joinFromLink: (sid) => core.joinFromLink(sid),
    showError: (error) => core.showError(error),
    pushState: () => core.refresh(),
    diagnostics: (about) => core.diagnostics(about),
    settings: () => core.settings().settings,
  });
  await sidebar.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);

  quitAfterStopping(core, log, () => {
    stopIpc();
    stopNetworkReports();
    agent.destroy();
  });
  app.on('window-all-closed', () => app.quit());
}

/** What the core's hooks reach once the window and the agent view exist (they need the core's settings first). */
interface LateParts {
  agent?: AgentViewHost;
  window?: BrowserWindow;
}

function startCore(desktop: Desktop, late: LateParts): Promise<AppCore> {
  return createAppCore({
    startDemo: startEmbeddedDemo,
    dataDir: app.getPath('userData'),
    systemLocale: app.getLocale(),
    settings: settingsPaths(),
    log: desktop.log,
    secrets: createSafeStorageSecretStore(
      join(app.getPath('userData'), 'workspace-secrets.json'),
      safeStorage,
    ),
    hooks: {
      ownerKnown: (owner) => late.agent?.warm(owner),
      openExternal: (url) => shell.openExternal(url),
      updateView: desktop.updateView,
      restartToUpdate: desktop.restartToUpdate,
      copyDiagnostics: async () => (await desktop.copyDiagnostics(), null),
      saveDiagnostics: () => desktop.saveDiagnostics(),
      setAgentViewBounds: (bounds) => late.agent?.setBounds(bounds),
      popOutAgentView: (out) => late.agent?.popOut(out) ?? false,
      agentViewPoppedOut: () => late.agent?.poppedOut ?? false,
      settingsChanged: (s) => {
        late.window?.setAlwaysOnTop(s.alwaysOnTop);
        late.agent?.setZoom(zoomFactorOf(s.agentPageZoom));
      },
      resolveProxy: resolveSystemProxy,
    },
  });
}

async function checkConnectionAndExit(core: AppCore): Promise<void> {
  const report = await core.checkConnection();
  process.stdout.write(formatReport(report));
  await core.close();
  return app.exit(report.ok ? 0 : 1);
}

/** The sidebar window, where it was last left. */
function createSidebar(core: AppCore, log: Logger): BrowserWindow {
  const places = windowStateStore(app.getPath('userData'), log);
  const sidebar = createSidebarWindow({
    bounds: places.initialBounds(),
    alwaysOnTop: core.settings().settings.alwaysOnTop,
    preload: join(outDir, 'preload', 'index.cjs'),
    title: app.getName(), // package.json's productName
    log,
  });
  places.track(sidebar);
  return sidebar;
}

/** The agent view, menus, tray and notifications follow the state, once per burst of changes like the sidebar. */
function followState(
  core: AppCore,
  agent: AgentViewHost,
  appMenu: ReturnType<typeof followAppMenu>,
  desktop: Desktop,
): void {
  let prev: AppState | null = null;
  const follow = createStatePump(core.getState, (next) => {
    agent.show(next.agentView);
    appMenu(intlForState(next));
    desktop.onState(prev, next);
    prev = next;
  });
  follow.ready();
  core.subscribe(() => follow.changed());
}

/** The shift's end and accidents around the sidebar: crashes and hangs, OS session ends, a close mid-session. */
function guardAccidents(sidebar: BrowserWindow, core: AppCore, log: Logger): (error: AppError) => void {
  const tell = (error: AppError) => core.showError(error);
  mainErrors?.tellThrough(tell);
  recoverRenderer(sidebar.webContents, 'sidebar', { log, tell });
  guardShiftEnd({
    window: sidebar,
    core,
    question: () => closeDuringSessionQuestion(intlForState(core.getState())),
    log,
  });
  return tell;
}

/** The agent page's host: its own window beside the sidebar (remembered per display), recovered if it dies. */
function createAgentView(
  sidebar: BrowserWindow,
  core: AppCore,
  log: Logger,
  tell: (error: AppError) => void,
): AgentViewHost {
  const places = windowStateStore(app.getPath('userData'), log, 'agent-window-state.json');
  return new AgentViewHost(
    sidebar,
    log,
    () => core.refresh(),
    () => agentViewWindowTitle(intlForState(core.getState())),
    (wc) => recoverRenderer(wc, 'agent-page', { log, tell }),
    { bounds: (s) => places.besideBounds(s), track: (win) => places.track(win) },
  );
}
