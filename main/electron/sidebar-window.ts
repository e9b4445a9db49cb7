// The single sidebar window: narrow and tall, sandboxed, context-isolated, no Node, navigation and new
// windows denied, every permission request refused. Its preload is the only bridge to main.
import { BrowserWindow, nativeTheme, session, shell } from 'electron';
import { SIDEBAR_SIZE, type Rect } from '../core/desktop/window-state';
import type { Logger } from '../../common/logger';

export function createSidebarWindow(opts: {
  bounds: Rect;
  alwaysOnTop: boolean;
  preload: string;
  title: string;
  log: Logger;
}): BrowserWindow {
  // The sidebar needs no permission at all; the agent view has its own partition and its own refusals.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const win = new BrowserWindow({
    ...opts.bounds,
    minWidth: SIDEBAR_SIZE.minWidth,
    minHeight: SIDEBAR_SIZE.minHeight,
    title: opts.title,
    show: false,
    alwaysOnTop: opts.alwaysOnTop,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d21' : '#ffffff',
    webPreferences: {
      preload: opts.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.on('will-navigate', (event, url) => {
    event.preventDefault();
    opts.log.warn('sidebar navigation refused', { url: url.slice(0, 100) });
  });
  // Links in the sidebar (the demo customer page) open in the system browser, http(s) only.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  return win;
}
