// A FAKE of the Electron APIs the sidebar host touches (app's web-contents-created, ipcMain, BrowserWindow,
// WebContentsView and their webContents/session, the default session, shell, nativeTheme), for tests only:
// the Electron binary cannot run here. It records what the host asked
// Electron to do and lets a test play the part of web content; it decides nothing.
import { EventEmitter } from 'node:events';

let nextId = 1;

/** `app`, for the one event the host listens to on it here: every webContents is announced at creation. */
export const app = new EventEmitter();

export class FakeSession {
  cookies = {
    set: async (cookie: Record<string, unknown>) => void this.cookieLog.push(cookie),
  };
  readonly cookieLog: Record<string, unknown>[] = [];
  permissionRequest?: (wc: unknown, permission: string, callback: (ok: boolean) => void) => void;
  permissionCheck?: () => boolean;
  setPermissionRequestHandler = (h: FakeSession['permissionRequest']) => void (this.permissionRequest = h);
  setPermissionCheckHandler = (h: FakeSession['permissionCheck']) => void (this.permissionCheck = h);
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame = { url: '' };
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly loaded: string[] = [];
  closed = false;
  windowOpen?: (details: { url: string }) => { action: string };
  constructor(readonly session = new FakeSession()) {
    super();
    app.emit('web-contents-created', {}, this);
  }
  getURL = () => this.mainFrame.url;
  isDestroyed = () => this.closed;
  send = (channel: string, payload: unknown) => void this.sent.push({ channel, payload });
  loadURL = async (url: string) => {
    this.loaded.push(url);
    this.mainFrame.url = url;
  };
  setWindowOpenHandler = (h: FakeWebContents['windowOpen']) => void (this.windowOpen = h);
  close = () => void (this.closed = true);
  /** Plays a navigation by the page; returns whether the host let it happen. */
  navigate(url: string, event = 'will-navigate'): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return !prevented;
  }
  /** Plays a `<webview>` the page tries to attach; returns whether the host let it. */
  attachWebview(src: string): boolean {
    let prevented = false;
    this.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, { src });
    return !prevented;
  }
  /** Plays a permission request (camera, notifications…); resolves with the host's answer. */
  askPermission(permission: string): Promise<boolean> {
    return new Promise((resolve) => {
      if (!this.session.permissionRequest) return resolve(true); // no handler: Electron grants by default
      this.session.permissionRequest(this, permission, resolve);
    });
  }
}

export class WebContentsView {
  static created: WebContentsView[] = [];
  readonly webContents = new FakeWebContents();
  bounds: { x: number; y: number; width: number; height: number } | null = null;
  visible = true;
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    WebContentsView.created.push(this);
  }
  setBounds = (b: WebContentsView['bounds']) => void (this.bounds = b);
  setVisible = (v: boolean) => void (this.visible = v);
  setBackgroundColor = () => undefined;
}

class FakeContentView {
  readonly children: WebContentsView[] = [];
  addChildView = (v: WebContentsView) => void this.children.push(v);
  removeChildView = (v: WebContentsView) => void this.children.splice(this.children.indexOf(v), 1);
}

/** Windows without a partition share the default session, as in Electron. */
export const session = { defaultSession: new FakeSession() };
export const nativeTheme = { shouldUseDarkColors: false };
export const shell = {
  opened: [] as string[],
  openExternal: async (url: string) => void shell.opened.push(url),
};

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents(session.defaultSession);
  readonly contentView = new FakeContentView();
  contentSize: [number, number] = [1280, 900];
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    BrowserWindow.created.push(this);
  }
  getContentSize = () => this.contentSize;
  close = () => this.emit('closed');
  destroy = () => this.emit('closed');
}

type Handler = (event: unknown, input: unknown) => Promise<unknown>;
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
  /** Plays an `ipcRenderer.invoke` from `sender`, from its main frame unless `frame` is given. */
  invoke(
    channel: string,
    input: unknown,
    sender: FakeWebContents,
    frame: { url: string } = sender.mainFrame,
  ) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ sender, senderFrame: frame }, input);
  },
};
