// A FAKE of the Electron APIs the sidebar host touches (ipcMain, BrowserWindow, WebContentsView and their
// webContents/session), for tests only: the Electron binary cannot run here. It records what the host asked
// Electron to do and lets a test play the part of web content; it decides nothing.
import { EventEmitter } from 'node:events';

let nextId = 1;

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
  }
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

export class BrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly contentView = new FakeContentView();
  contentSize: [number, number] = [1280, 900];
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
