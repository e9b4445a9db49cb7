// The Co-browse agent page in a WebContentsView: created only once the controller joined, in one in-memory
// session partition reused and cleared between sessions (carrying the stickiness cookie), no preload,
// navigation kept on its origin, window.open and permissions denied, destroyed when the session ends. On the desktop it opens in a window
// of its own taking the work area beside the sidebar (remembered per display; closed, so given back, when
// the session ends; closing it brings the page into the sidebar). Inside the sidebar it sits at the bounds
// the sidebar reports, scaled by the sidebar's zoom and re-applied on every window or zoom change (a
// WebContentsView has no auto-resize). It goes with the sidebar: Electron throws on
// any use of a closed window, while a child view's webContents (and the pop-out window) would live on.
import { BrowserWindow, session, WebContentsView, type Rectangle, type WebContents } from 'electron';
import { agentPageAddress } from '../../common/protocol';
import type { SessionOwner } from '../core/controller/types';
import type { AppState, Bounds } from '../../common/contract';
import { agentViewCookie, isAllowedAgentNavigation } from '../core/desktop/web-guards';
import type { Logger } from '../../common/logger';

type AgentView = NonNullable<AppState['agentView']>;

/** The agent page's own window: where it opens beside the sidebar, and remembering where the agent puts it. */
export interface AgentWindowPlace {
  bounds(sidebar: Rectangle): Rectangle;
  track(win: BrowserWindow): void;
}
const POP_OUT_SIZE = { width: 1280, height: 900 };
export const AGENT_PARTITION = 'agent-view';

const clearPartition = (ses: Electron.Session) => Promise.all([ses.clearStorageData(), ses.clearCache()]);
const WINDOW_EVENTS = [
  'resize',
  'maximize',
  'unmaximize',
  'enter-full-screen',
  'leave-full-screen',
  'move',
] as const;

export class AgentViewHost {
  private view: WebContentsView | null = null;
  private shown: AgentView | null = null;
  private bounds: Bounds | null = null;
  private popup: BrowserWindow | null = null;
  private sidebarClosed = false;
  /** The last session's partition being cleared. */
  private clearing: Promise<void> = Promise.resolve();
  /** The agent page zoom setting as a factor; the view's own, the sidebar's zoom is separate. */
  private zoom = 1;

  constructor(
    private readonly sidebar: BrowserWindow,
    private readonly log: Logger,
    private readonly onPopOutChange: () => void,
    /** The pop-out window's title, in the agent's language at the time. */
    private readonly popOutTitle: () => string,
    /** Each new agent page's renderer, to be brought back when it dies or hangs. */
    private readonly watchRenderer: (wc: WebContents) => void = () => {},
    /** Where a session's agent page opens in its own window; null: inside the sidebar. */
    private readonly ownWindow: AgentWindowPlace | null = null,
  ) {
    for (const e of WINDOW_EVENTS) sidebar.on(e as 'resize', () => this.place());
    sidebar.webContents.on('zoom-changed', () => this.place());
    sidebar.once('closed', () => {
      this.sidebarClosed = true;
      this.destroy();
    });
  }

  get poppedOut(): boolean {
    return this.popup !== null;
  }

  /** Follows AppState.agentView: creates, replaces or destroys the view. */
  show(next: AgentView | null): void {
    if (this.sidebarClosed) return;
    if (next?.sessionId === this.shown?.sessionId && next?.url === this.shown?.url) return;
    this.destroy();
    if (!next) return;
    this.shown = next;
    void this.create(next);
  }

  /** The "Agent page zoom" setting: the page's zoom factor (nothing is added to its URL). */
  setZoom(factor: number): void {
    this.zoom = factor;
    if (this.view && !this.view.webContents.isDestroyed()) this.view.webContents.setZoomFactor(factor);
  }

  setBounds(bounds: Bounds | null): void {
    this.bounds = bounds;
    this.place();
  }

  popOut(out: boolean): boolean {
    if (!this.view || out === this.poppedOut) return this.poppedOut;
    if (out) this.openWindow(this.ownWindow?.bounds(this.sidebar.getBounds()) ?? POP_OUT_SIZE);
    else this.popup?.close();
    this.place();
    return out;
  }

  /** The agent page in a window of its own at `bounds`; closing that window brings it back to the sidebar. */
  private openWindow(bounds: Partial<Rectangle>): void {
    if (!this.view) return;
    const popup = new BrowserWindow({ ...bounds, title: this.popOutTitle(), show: true });
    this.ownWindow?.track(popup);
    this.sidebar.contentView.removeChildView(this.view);
    popup.contentView.addChildView(this.view);
    for (const e of WINDOW_EVENTS) popup.on(e as 'resize', () => this.place());
    popup.on('closed', () => {
      if (this.popup !== popup) return; // destroyed together with the view
      this.popup = null;
      if (this.view) this.sidebar.contentView.addChildView(this.view);
      this.place();
      this.onPopOutChange();
    });
    this.popup = popup;
    this.onPopOutChange();
  }

  destroy(): void {
    const { view, popup } = this;
    this.view = null;
    this.shown = null;
    this.popup = null;
    // Closed, not destroyed: its `close` saves where the agent put it (window-state-file.ts).
    if (popup && !popup.isDestroyed()) popup.close();
    if (!view) return;
    if (!this.sidebar.isDestroyed()) this.sidebar.contentView.removeChildView(view);
    if (view.webContents.isDestroyed()) return;
    const ses = view.webContents.session;
    view.webContents.close();
    // Nothing of this customer's session stays for the next one: warm() and create() wait for this.
    this.clearing = clearPartition(ses).then(
      () => {},
      (err: unknown) => this.log.warn('agent partition not cleared', { error: String(err) }),
    );
  }

  /**
   * The session's owner node is known while the Controller still joins: the agent page's partition gets the
   * stickiness cookie, connections to the node are opened and the page's HTML fetched into its cache, so the
   * page loads at once when the view is created (the web edition's warm cache does the same through its proxy).
   */
  warm(owner: SessionOwner): void {
    if (this.sidebarClosed || this.view) return; // a live page keeps its partition as it is
    void this.warmNow(owner).catch((err: unknown) =>
      this.log.warn('agent page not warmed', { error: String(err) }),
    );
  }

  private async warmNow(owner: SessionOwner): Promise<void> {
    await this.clearing;
    const page = agentPageAddress(owner.baseUrl);
    const ses = session.fromPartition(AGENT_PARTITION);
    const cookie = owner.cookie ? agentViewCookie(owner.cookie, page.href) : null;
    if (cookie) await ses.cookies.set(cookie);
    ses.preconnect({ url: page.origin, numSockets: 2 });
    await ses.fetch(page.href, { credentials: 'include' });
  }

  private async create(agent: AgentView): Promise<void> {
    // Non-persistent (nothing of a customer's session outlives it on disk) and one for every session:
    // Electron never frees a partition while the app runs (electron#28566), so one per session would grow
    // all shift. Cleared between sessions instead.
    const view = new WebContentsView({
      webPreferences: {
        partition: AGENT_PARTITION,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
      },
    });
    view.setBackgroundColor('#00000000');
    const wc = view.webContents;
    const ses = wc.session;
    ses.setPermissionRequestHandler((_wc, _p, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    // will-navigate is the main frame's only; will-redirect comes for every frame: the page's frames are its own.
    const guard = (event: Electron.Event<{ url: string; isMainFrame: boolean }>) => {
      if (!event.isMainFrame || isAllowedAgentNavigation(event.url, agent.url)) return;
      event.preventDefault();
      this.log.warn('agent view navigation refused', { origin: safeOrigin(event.url) });
    };
    wc.on('will-navigate', guard);
    wc.on('will-redirect', guard);
    wc.setWindowOpenHandler(() => ({ action: 'deny' }));
    this.watchRenderer(wc);
    // Again after each load: a navigation to a new origin starts at that origin's zoom.
    wc.on('did-finish-load', () => wc.setZoomFactor(this.zoom));
    await this.clearing;
    const cookie = agentViewCookie(agent.cookie, agent.url);
    if (cookie) await ses.cookies.set(cookie);
    if (this.shown?.sessionId !== agent.sessionId) return void wc.close(); // ended while we set up
    this.view = view;
    wc.setZoomFactor(this.zoom);
    // Its own window beside the sidebar, given back when the session ends; or inside the sidebar.
    if (this.ownWindow) this.openWindow(this.ownWindow.bounds(this.sidebar.getBounds()));
    else this.sidebar.contentView.addChildView(view);
    this.place();
    wc.loadURL(agent.url).catch((err: unknown) =>
      this.log.warn('agent page did not load', { origin: safeOrigin(agent.url), error: String(err) }),
    );
  }

  private place(): void {
    if (!this.view) return;
    if (this.popup) {
      const [width, height] = this.popup.getContentSize();
      this.view.setBounds({ x: 0, y: 0, width: width ?? 0, height: height ?? 0 });
      this.view.setVisible(true);
      return;
    }
    const b = this.bounds;
    this.view.setVisible(b !== null && b.width > 0 && b.height > 0);
    if (b) this.view.setBounds(toDips(b, this.sidebar.webContents.getZoomFactor()));
  }
}

/** The sidebar reports CSS pixels; setBounds takes integer DIPs, and a CSS pixel is `zoom` DIPs. */
function toDips(b: Bounds, zoom: number): Rectangle {
  const x = Math.round(b.x * zoom);
  const y = Math.round(b.y * zoom);
  return {
    x,
    y,
    width: Math.round((b.x + b.width) * zoom) - x,
    height: Math.round((b.y + b.height) * zoom) - y,
  };
}

const safeOrigin = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid)';
  }
};
