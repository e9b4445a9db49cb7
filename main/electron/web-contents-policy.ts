// One app-wide policy for every webContents Electron creates: the sidebar, the agent view, the agent pop-out
// window and whatever a later change adds. Guards set where each window is created miss the ones nobody
// thought of (the pop-out had none); `web-contents-created` misses nothing. It is the floor: navigation off
// the current page's origin, window.open, <webview> and every permission are refused. Per-window rules
// (sidebar-window.ts, agent-view.ts) are layered on top and can only be stricter: any listener's
// preventDefault wins, and their window-open handlers deny too.
import type { App, Event, Session, WebContents } from 'electron';
import type { Logger } from '../../common/logger';
import { isAllowedAgentNavigation } from '../core/desktop/web-guards';

export function installWebContentsPolicy(app: Pick<App, 'on'>, log: Logger): void {
  const guarded = new WeakSet<Session>();
  app.on('web-contents-created', (_event, wc: WebContents) => {
    wc.setWindowOpenHandler(({ url }) => {
      log.warn('window.open refused', { origin: originForLog(url) });
      return { action: 'deny' };
    });
    // A page with no URL yet (a fresh pop-out window) has no origin: it may go nowhere.
    const offOrigin = (event: Event, url: string) => {
      if (wc.getURL() && isAllowedAgentNavigation(url, wc.getURL())) return;
      event.preventDefault();
      log.warn('navigation refused', { origin: originForLog(url) });
    };
    wc.on('will-navigate', offOrigin);
    // The window's own document only: a page's frames are its own (and its CSP's), as in agent-view.ts.
    wc.on('will-redirect', (details) => details.isMainFrame && offOrigin(details, details.url));
    wc.on('will-attach-webview', (event) => {
      event.preventDefault();
      log.warn('webview refused');
    });
    if (guarded.has(wc.session)) return;
    guarded.add(wc.session);
    wc.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    wc.session.setPermissionCheckHandler(() => false);
  });
}

const originForLog = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid)';
  }
};
