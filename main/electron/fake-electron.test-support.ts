// A STUB of the Electron 45 runtime (a fake, for tests only: the Electron binary cannot run here). It stands in
// for the `electron` module in-process (`vi.mock`) and under the built main bundle in a child process
// (fake-electron-main.test-support.ts). It records what the host asked for and enforces, throwing as
// Electron does, the documented rules the host depends on:
// - `ready`: protocol.registerSchemesAsPrivileged only before it; windows, views, trays, notifications,
//   screen, sessions, protocol.handle and net only after it. The default menu (Reload, DevTools, Zoom) is
//   installed at ready unless the app set one.
// - A closed window, a destroyed webContents or tray throws "Object has been destroyed" on any API use
//   (from the window's `closed` event on). A WebContentsView's webContents outlives its window until closed.
// - app.quit(): `before-quit` (preventable), then every window closed (`close` preventable), `will-quit`,
//   `quit`, exit. A window closed otherwise emits `window-all-closed` after the last one (or quits when
//   nobody listens); never during a quit.
// - View bounds are integer DIPs; a page's CSS pixel is `zoomFactor` DIPs.
// - A shown Notification is held only weakly, as a native toast holds its JS object.
// - A sandboxed preload runs in its own context and may require only `electron`, `events`, `timers`, `url`.
// Rule breaks are also kept in `fake.violations`, so a throw the host swallows still fails a test.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { until } from '../core/test-support/until';

type Listener = (...args: unknown[]) => void;
type Rect = { x: number; y: number; width: number; height: number };

class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

const runtime = {
  ready: false,
  quitting: false,
  readyWaiters: [] as (() => void)[],
  windows: new Set<BrowserWindow>(),
  nextId: 1,
  schemesRegistered: false,
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  sessions: new Map<string, Session>(),
  appMenu: null as Menu | null,
  appMenuSet: false,
};

function violate(message: string, ErrorType: ErrorConstructor = Error): never {
  fake.violations.push(message);
  throw new ErrorType(message);
}
const requireReady = (what: string) => {
  if (!runtime.ready) violate(`${what} cannot be used before the app is ready`);
};

/** Electron's objects throw on any API use once destroyed; events and `isDestroyed()` still work. */
function destroyable<T extends EventEmitter & { destroyedFlag: boolean }>(obj: T): T {
  const isApi = (key: string) => {
    for (let p = Object.getPrototypeOf(obj); p && p !== EventEmitter.prototype; p = Object.getPrototypeOf(p))
      if (Object.prototype.hasOwnProperty.call(p, key)) return key !== 'constructor' && key !== 'isDestroyed';
    return false;
  };
  return new Proxy(obj, {
    get(target, key, receiver) {
      if (target.destroyedFlag && typeof key === 'string' && isApi(key))
        violate(`Object has been destroyed (${target.constructor.name}.${key})`, TypeError);
      return Reflect.get(target, key, receiver);
    },
  });
}

// ---- app ----

const home = process.env.FAKE_ELECTRON_HOME ?? mkdtempSync(join(tmpdir(), 'fake-electron-'));
const appDataDir = () =>
  process.platform === 'win32'
    ? join(home, 'AppData', 'Roaming')
    : process.platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : join(home, '.config');

class App extends EventEmitter {
  isPackaged = process.env.FAKE_ELECTRON_PACKAGED === '1';
  private readonly manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
    name: string;
    productName?: string;
    version: string;
  };
  /** Electron's app name: package.json's productName, else its name. */
  getName(): string {
    return this.manifest.productName ?? this.manifest.name;
  }
  getVersion(): string {
    return this.manifest.version;
  }
  getLocale(): string {
    return 'en-GB';
  }
  getPath(name: string): string {
    const userData = join(appDataDir(), this.getName());
    const paths: Record<string, string> = {
      home,
      appData: appDataDir(),
      userData,
      downloads: join(home, 'Downloads'),
      logs:
        process.platform === 'darwin'
          ? join(home, 'Library', 'Logs', this.getName())
          : join(userData, 'logs'),
    };
    return paths[name] ?? violate(`Failed to get '${name}' path`);
  }
  isReady(): boolean {
    return runtime.ready;
  }
  whenReady(): Promise<void> {
    return runtime.ready ? Promise.resolve() : new Promise((resolve) => runtime.readyWaiters.push(resolve));
  }
  requestSingleInstanceLock(): boolean {
    fake.calls.push('app.requestSingleInstanceLock');
    return !fake.otherInstanceRunning;
  }
  isDefaultProtocolClient(): boolean {
    return false;
  }
  setAsDefaultProtocolClient(scheme: string): boolean {
    fake.calls.push(`app.setAsDefaultProtocolClient ${scheme}`);
    return true;
  }
  /** Windows only (Electron defines it nowhere else). */
  setAppUserModelId(id: string): void {
    if (process.platform !== 'win32') violate('app.setAppUserModelId is not a function', TypeError);
    fake.calls.push(`app.setAppUserModelId ${id}`);
  }
  quit(): void {
    fake.calls.push('app.quit');
    if (runtime.quitting) return;
    const e = new FakeEvent();
    this.emit('before-quit', e);
    if (e.defaultPrevented) return;
    runtime.quitting = true;
    if (runtime.windows.size === 0) return finishQuit();
    for (const win of [...runtime.windows]) win.close();
  }
  /** At once: no before-quit, will-quit or window events. */
  exit(code = 0): void {
    fake.calls.push(`app.exit ${code}`);
    for (const win of runtime.windows) win.destroyedFlag = true;
    runtime.windows.clear();
    fake.onExit(code);
  }
}

function finishQuit(): void {
  const e = new FakeEvent();
  app.emit('will-quit', e);
  if (e.defaultPrevented) return void (runtime.quitting = false);
  app.emit('quit', new FakeEvent(), 0);
  fake.calls.push('exit 0');
  fake.onExit(0);
}

export const app = new App();

// ---- sessions ----

interface Cookie {
  url: string;
  name: string;
  value: string;
  path?: string;
  secure?: boolean;
}
type PermissionHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;

export class Session {
  readonly cookieJar: Cookie[] = [];
  permissionRequestHandler: PermissionHandler | null = null;
  permissionCheckHandler: (() => boolean) | null = null;
  readonly cookies = {
    set: async (cookie: Cookie) => {
      this.cookieJar.push(cookie);
    },
    get: async (filter: { url?: string; name?: string } = {}) =>
      this.cookieJar.filter(
        (c) =>
          (!filter.name || c.name === filter.name) &&
          (!filter.url || new URL(filter.url).origin === new URL(c.url).origin),
      ),
  };
  constructor(readonly partition: string) {}
  setPermissionRequestHandler(handler: PermissionHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (() => boolean) | null): void {
    this.permissionCheckHandler = handler;
  }
}

const sessionFor = (partition: string) => {
  requireReady('session');
  if (!runtime.sessions.has(partition)) runtime.sessions.set(partition, new Session(partition));
  return runtime.sessions.get(partition)!;
};
export const session = {
  get defaultSession(): Session {
    return sessionFor('');
  },
};

// ---- webContents, views, windows ----

interface WebPreferences {
  preload?: string;
  partition?: string;
  sandbox?: boolean;
  contextIsolation?: boolean;
  nodeIntegration?: boolean;
  [key: string]: unknown;
}
interface LoadedDocument {
  status: number;
  headers: Record<string, string>;
  body: string;
}
type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class WebContents extends EventEmitter {
  readonly id = runtime.nextId++;
  destroyedFlag = false;
  /** WebFrameMain of the top document: one object per frame, as Electron keeps them. */
  readonly mainFrame = { url: '' };
  readonly session: Session;
  /** Every `send` from main, in order (what the page received). */
  readonly sent: { channel: string; payload: unknown }[] = [];
  /** Every document loaded, with the cookies its session had at that moment. */
  readonly loads: { url: string; cookies: string[] }[] = [];
  /** The last document loaded through a protocol handler (status, headers, body). */
  document: LoadedDocument | null = null;
  /** What the preload exposed with contextBridge (the page's `window.<key>`). */
  readonly world: Record<string, unknown> = {};
  /** The page's own variables, kept by `fake.pageScript` (no page script runs here). */
  readonly page: Record<string, unknown> = {};
  readonly pageListeners = new Map<string, Set<Listener>>();
  windowOpenHandler: WindowOpenHandler | null = null;
  zoomFactor = 1;

  constructor(readonly webPreferences: WebPreferences) {
    super();
    this.session = sessionFor(webPreferences.partition ?? '');
    // The proxy is what callers hold: every API call after destroy throws. Electron announces every new
    // webContents app-wide before its creator sees it.
    const proxy = destroyable(this);
    app.emit('web-contents-created', new FakeEvent(), proxy);
    return proxy;
  }
  isDestroyed(): boolean {
    return this.destroyedFlag;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  getZoomFactor(): number {
    return this.zoomFactor;
  }
  setZoomFactor(factor: number): void {
    this.zoomFactor = factor;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    const payload = structuredClone(args[0]);
    this.sent.push({ channel, payload });
    setImmediate(() => {
      for (const listener of this.pageListeners.get(channel) ?? []) listener({ sender: null }, payload);
    });
  }
  close(): void {
    destroyWebContents(this);
  }
  async loadURL(url: string): Promise<void> {
    const cookies = (await this.session.cookies.get({ url })).map((c) => `${c.name}=${c.value}`);
    this.loads.push({ url, cookies });
    const scheme = new URL(url).protocol.slice(0, -1);
    if (runtime.protocolHandlers.has(scheme)) {
      let res: Response;
      try {
        res = await fake.request(url);
      } catch (err) {
        this.emit('did-fail-load', new FakeEvent(), -2, 'ERR_FAILED', url, true);
        throw new Error(`ERR_FAILED (-2) loading '${url}': ${String(err)}`);
      }
      this.document = {
        status: res.status,
        headers: Object.fromEntries(res.headers),
        body: await res.text(),
      };
    } else if (!['http', 'https', 'about'].includes(scheme)) {
      this.emit('did-fail-load', new FakeEvent(), -302, 'ERR_UNKNOWN_URL_SCHEME', url, true);
      throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
    }
    if (this.destroyedFlag) throw new Error(`ERR_ABORTED (-3) loading '${url}'`);
    this.mainFrame.url = url;
    if (this.webPreferences.preload) runSandboxedPreload(this, this.webPreferences.preload);
    this.emit('did-finish-load');
    fake.pageScript?.(this);
  }
}

function destroyWebContents(wc: WebContents): void {
  if (wc.destroyedFlag) return;
  wc.destroyedFlag = true;
  wc.emit('destroyed');
}

/** A sandboxed preload: its own context, `require` limited to what Electron's sandbox offers. */
function runSandboxedPreload(wc: WebContents, file: string): void {
  const allowed = createRequire(import.meta.url);
  const ipcRenderer = {
    invoke: async (channel: string, input: unknown) => structuredClone(await fake.invoke(wc, channel, input)),
    on: (channel: string, listener: Listener) => {
      if (!wc.pageListeners.has(channel)) wc.pageListeners.set(channel, new Set());
      wc.pageListeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: Listener) => wc.pageListeners.get(channel)?.delete(listener),
  };
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => void (wc.world[key] = api),
  };
  const module = { exports: {} };
  runInNewContext(
    readFileSync(file, 'utf8'),
    {
      module,
      exports: module.exports,
      require: (name: string) =>
        name === 'electron'
          ? { ipcRenderer, contextBridge }
          : ['events', 'timers', 'url'].includes(name)
            ? (allowed(name) as unknown)
            : violate(`a sandboxed preload cannot require '${name}'`),
      console,
      setTimeout,
      clearTimeout,
      queueMicrotask,
      URL,
      TextEncoder,
      TextDecoder,
    },
    { filename: file },
  );
}

export class View extends EventEmitter {
  readonly children: View[] = [];
  parent: View | null = null;
  bounds: Rect = { x: 0, y: 0, width: 0, height: 0 };
  visible = true;
  addChildView(view: View): void {
    view.parent?.removeChildView(view);
    this.children.push(view);
    view.parent = this;
  }
  /** A no-op for a view that is not a child, as documented. */
  removeChildView(view: View): void {
    const i = this.children.indexOf(view);
    if (i < 0) return;
    this.children.splice(i, 1);
    view.parent = null;
  }
  setBounds(bounds: Rect): void {
    // Electron converts to gfx::Rect: anything but integers is a conversion failure.
    if (![bounds.x, bounds.y, bounds.width, bounds.height].every(Number.isInteger))
      violate(`Error processing argument at index 0, conversion failure from ${JSON.stringify(bounds)}`);
    this.bounds = { ...bounds };
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
  }
  getVisible(): boolean {
    return this.visible;
  }
  setBackgroundColor(_color: string): void {}
}

export class WebContentsView extends View {
  readonly webContents: WebContents;
  constructor(readonly options: { webPreferences?: WebPreferences } = {}) {
    super();
    requireReady('WebContentsView');
    this.webContents = new WebContents(options.webPreferences ?? {});
    fake.views.push(this);
  }
}

interface WindowOptions extends Partial<Rect> {
  show?: boolean;
  webPreferences?: WebPreferences;
  [key: string]: unknown;
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows(): BrowserWindow[] {
    return [...runtime.windows];
  }
  readonly id = runtime.nextId++;
  destroyedFlag = false;
  readonly wc: WebContents;
  readonly view = new View();
  bounds: Rect;
  visible: boolean;
  minimized = false;
  private shownOnce = false;

  constructor(options: WindowOptions = {}) {
    super();
    requireReady('BrowserWindow');
    this.bounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    this.visible = options.show !== false;
    this.wc = new WebContents(options.webPreferences ?? {});
    this.wc.on('did-finish-load', () => {
      if (this.shownOnce || this.destroyedFlag) return;
      this.shownOnce = true;
      this.emit('ready-to-show');
    });
    const self = destroyable(this);
    runtime.windows.add(self);
    return self;
  }
  get webContents(): WebContents {
    return this.wc;
  }
  get contentView(): View {
    return this.view;
  }
  isDestroyed(): boolean {
    return this.destroyedFlag;
  }
  loadURL(url: string): Promise<void> {
    return this.wc.loadURL(url);
  }
  show(): void {
    this.visible = true;
    this.minimized = false;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    fake.calls.push(`window ${this.id} focus`);
  }
  restore(): void {
    this.minimized = false;
  }
  minimize(): void {
    this.minimized = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return false;
  }
  isFullScreen(): boolean {
    return false;
  }
  setAlwaysOnTop(_flag: boolean): void {}
  getBounds(): Rect {
    return { ...this.bounds };
  }
  getContentSize(): [number, number] {
    return [this.bounds.width, this.bounds.height];
  }
  /** Like the close button: `close` (preventable) on a later turn, then `closed`. */
  close(): void {
    setImmediate(() => closeWindow(this, false));
  }
  /** No `close` event, but `closed` is guaranteed. */
  destroy(): void {
    closeWindow(this, true);
  }
}

function closeWindow(win: BrowserWindow, force: boolean): void {
  if (win.destroyedFlag) return;
  if (!force) {
    const e = new FakeEvent();
    win.emit('close', e);
    if (e.defaultPrevented) return void (runtime.quitting = false);
  }
  destroyWebContents(win.wc);
  // As in Electron's BaseWindow::OnWindowClosed: marked destroyed first, then `closed` is emitted.
  win.destroyedFlag = true;
  runtime.windows.delete(win);
  win.emit('closed');
  if (runtime.windows.size > 0) return;
  if (runtime.quitting) finishQuit();
  else if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
  else app.quit();
}

// ---- protocol, net, ipcMain ----

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string }[]): void {
    if (runtime.ready) violate('protocol.registerSchemesAsPrivileged should be called before app is ready');
    if (runtime.schemesRegistered) violate('protocol.registerSchemesAsPrivileged can be called only once');
    runtime.schemesRegistered = true;
    fake.calls.push(`protocol.registerSchemesAsPrivileged ${schemes.map((s) => s.scheme).join(',')}`);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    requireReady('protocol.handle');
    if (runtime.protocolHandlers.has(scheme)) violate(`Failed to register protocol: ${scheme}`);
    runtime.protocolHandlers.set(scheme, handler);
  },
};

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
export const net = {
  /** file: as Chromium's file loader does it: a missing file rejects, a folder is a listing. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    requireReady('net.fetch');
    if (!url.startsWith('file:')) return fetch(url, init);
    const path = fileURLToPath(url);
    const info = await stat(path).catch(() => {
      throw new Error('net::ERR_FILE_NOT_FOUND');
    });
    if (info.isDirectory())
      return new Response(`<h1>Index of ${path}</h1>`, { headers: { 'content-type': 'text/html' } });
    return new Response(await readFile(path), {
      headers: { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' },
    });
  },
};

type Handler = (event: unknown, ...args: unknown[]) => unknown;
class IpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) violate(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new IpcMain();

// ---- menus, tray, notifications, images ----

interface MenuItemOptions {
  role?: string;
  submenu?: MenuItemOptions[] | Menu;
  [key: string]: unknown; // click, type…: not modelled
}
const mac = () => process.platform === 'darwin';
/** The submenus Electron fills in for a role menu given without one. */
const roleMenus: Record<string, () => string[]> = {
  appMenu: () => ['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit'],
  fileMenu: () => [mac() ? 'close' : 'quit'],
  editMenu: () => [
    'undo',
    'redo',
    'cut',
    'copy',
    'paste',
    ...(mac() ? ['pasteAndMatchStyle'] : []),
    'delete',
    'selectAll',
  ],
  viewMenu: () => [
    'reload',
    'forceReload',
    'toggleDevTools',
    'resetZoom',
    'zoomIn',
    'zoomOut',
    'togglefullscreen',
  ],
  windowMenu: () => ['minimize', 'zoom', ...(mac() ? ['front'] : ['close'])],
};

export class MenuItem {
  readonly role: string | undefined;
  readonly label: string | undefined;
  readonly submenu: Menu | undefined;
  constructor(o: MenuItemOptions) {
    this.role = o.role;
    this.label = typeof o.label === 'string' ? o.label : undefined;
    const sub =
      o.submenu ?? (o.role && roleMenus[o.role] ? roleMenus[o.role]!().map((role) => ({ role })) : undefined);
    this.submenu = sub instanceof Menu || !sub ? sub : Menu.buildFromTemplate(sub);
  }
}

export class Menu {
  static buildFromTemplate(template: MenuItemOptions[]): Menu {
    return new Menu(template.map((o) => new MenuItem(o)));
  }
  static setApplicationMenu(menu: Menu | null): void {
    runtime.appMenu = menu;
    runtime.appMenuSet = true;
  }
  static getApplicationMenu(): Menu | null {
    return runtime.appMenu;
  }
  constructor(readonly items: MenuItem[] = []) {}
}

/** lib/browser/default-menu.ts: what an app gets at ready when it set no menu of its own. */
const defaultMenu = () =>
  Menu.buildFromTemplate([
    ...(mac() ? [{ role: 'appMenu' }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Learn More' }] },
  ]);

export class Tray extends EventEmitter {
  destroyedFlag = false;
  tooltip = '';
  constructor(_image: unknown) {
    super();
    requireReady('Tray');
    const self = destroyable(this);
    fake.trays.push(self);
    return self;
  }
  isDestroyed(): boolean {
    return this.destroyedFlag;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setImage(_image: unknown): void {}
  /** Every menu set, latest last. */
  menus: (Menu | null)[] = [];
  setContextMenu(menu: Menu | null): void {
    this.menus.push(menu);
  }
  destroy(): void {
    fake.calls.push('tray.destroy');
    this.destroyedFlag = true;
  }
}

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
    requireReady('Notification');
  }
  show(): void {
    fake.notifications.push({
      title: this.options.title,
      body: this.options.body,
      ref: new WeakRef(this),
    });
  }
}

class NativeImage {
  addRepresentation(o: { width: number; height: number; buffer?: Buffer }): void {
    if (!o.buffer) violate('addRepresentation needs a buffer or a dataURL');
  }
  toPNG(): Buffer {
    return Buffer.alloc(8);
  }
}
export const nativeImage = {
  createFromBitmap(buffer: Buffer, o: { width: number; height: number }): NativeImage {
    if (buffer.length < o.width * o.height * 4) violate('Invalid buffer size');
    return new NativeImage();
  },
};

// ---- the rest the host touches ----

export const nativeTheme = { shouldUseDarkColors: false };
const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
export const screen = {
  getAllDisplays: () => (requireReady('screen'), [display]),
  getPrimaryDisplay: () => (requireReady('screen'), display),
};
export const safeStorage = {
  /** On Linux only after ready (the keyring is read then). */
  isEncryptionAvailable: () => runtime.ready,
  encryptString: (text: string) => Buffer.from(`sealed:${text}`),
  decryptString: (sealed: Buffer) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided');
    return text.slice('sealed:'.length);
  },
};
export const shell = {
  openExternal: async (url: string) => void fake.calls.push(`shell.openExternal ${url}`),
};
export const clipboard = {
  // Electron 45: writeText resolves once the text is on the clipboard.
  writeText: async (text: string) => void fake.clipboard.push(text),
};
export const dialog = {
  /** Electron 45: `([window,] options)`, only once ready; resolves `{canceled, filePath}` ('' when cancelled). */
  showSaveDialog: async (...args: unknown[]) => {
    requireReady('dialog');
    const options = (args.length > 1 ? args[1] : args[0]) as { defaultPath?: string };
    fake.saveDialogs.push({ modal: args.length > 1, defaultPath: options.defaultPath ?? '' });
    const filePath = fake.saveDialogAnswer;
    return { canceled: filePath === null, filePath: filePath ?? '' };
  },
};

// ---- test controls (not Electron's API) ----

export const fake = {
  /** What the host asked Electron to do, in order. */
  calls: [] as string[],
  /** Every documented rule the host broke (each was also thrown). */
  violations: [] as string[],
  /** Uncaught errors of the main process: Electron shows "A JavaScript error occurred in the main process". */
  mainProcessErrors: [] as string[],
  trays: [] as Tray[],
  views: [] as WebContentsView[],
  clipboard: [] as string[],
  /** Each save dialog shown: modal to a window or not, the path it offered. */
  saveDialogs: [] as { modal: boolean; defaultPath: string }[],
  /** What the agent picks in the next save dialogs; null: Cancel. */
  saveDialogAnswer: null as string | null,
  notifications: [] as { title: string; body: string; ref: WeakRef<Notification> }[],
  home,
  otherInstanceRunning: false,
  /** Called after each document loads (the page's own scripts; none run here). */
  pageScript: null as ((wc: WebContents) => void) | null,
  /** The process ends: a child process really exits; in-process tests just see `exit` in `calls`. */
  onExit: (_code: number) => {},
  until,

  /** Electron's `ready`: after the main script ran. */
  ready(): void {
    if (runtime.ready) return;
    runtime.ready = true;
    if (!runtime.appMenuSet) runtime.appMenu = defaultMenu();
    app.emit('ready', new FakeEvent(), {});
    for (const resolve of runtime.readyWaiters.splice(0)) resolve();
  },
  /** A second launch of the app (it hands its argv over, as with the single-instance lock). */
  secondInstance(argv: string[]): void {
    app.emit('second-instance', new FakeEvent(), argv, process.cwd(), null);
  },
  /** Plays `ipcRenderer.invoke` from `sender`'s main frame, or from `frame` (e.g. an iframe's). */
  invoke(sender: WebContents, channel: string, input: unknown, frame: { url: string } = sender.mainFrame) {
    const handler = ipcMain.handlers.get(channel);
    if (!handler)
      return Promise.reject(new Error(`Error invoking remote method '${channel}': No handler registered`));
    return Promise.resolve(handler({ sender, senderFrame: frame }, structuredClone(input)));
  },
  /** Plays a navigation started by the page, as Electron 45 reports it; true when the host let it happen. */
  navigate(wc: WebContents, url: string, how: { subFrame?: boolean; redirect?: boolean } = {}): boolean {
    const isMainFrame = !how.subFrame;
    const details = Object.assign(new FakeEvent(), { url, isMainFrame, isSameDocument: false, frame: null });
    if (how.redirect) wc.emit('will-redirect', details, url, false, isMainFrame, 1, 1);
    else {
      wc.emit('will-frame-navigate', details);
      if (isMainFrame) wc.emit('will-navigate', details, url, false, true, 1, 1);
    }
    if (details.defaultPrevented) return false;
    if (isMainFrame && !how.redirect) wc.mainFrame.url = url;
    return true;
  },
  /** A page's request for `url` through the scheme's protocol handler; rejects as a network error would. */
  async request(url: string): Promise<Response> {
    const handler = runtime.protocolHandlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
    return handler(new Request(url));
  },
  /** Plays a `<webview>` the page adds; true when the host let it attach. */
  attachWebview(wc: WebContents, src: string): boolean {
    const event = new FakeEvent();
    wc.emit('will-attach-webview', event, {}, { src });
    return !event.defaultPrevented;
  },
  /** Plays `window.open` from the page; the handler's answer (Electron allows when there is none). */
  openWindow: (wc: WebContents, url: string) => wc.windowOpenHandler?.({ url }).action ?? 'allow',
  /** Plays a permission request from the page (Electron grants when no handler is set). */
  requestPermission(wc: WebContents, permission: string): Promise<boolean> {
    const handler = wc.session.permissionRequestHandler;
    return new Promise((resolve) => (handler ? handler(wc, permission, resolve) : resolve(true)));
  },
  /** Clicks the n-th shown notification; false when it was garbage-collected (the click goes nowhere). */
  clickNotification(n: number): boolean {
    const note = fake.notifications[n]?.ref.deref();
    note?.emit('click', new FakeEvent());
    return note !== undefined;
  },
  /** A full garbage collection, so weakly held objects really go. */
  async collectGarbage(): Promise<void> {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    await new Promise((resolve) => setImmediate(resolve)); // WeakRef targets are kept until the job ends
    gc();
  },
  /** Every role in a menu, submenus included. */
  /** Each item's label, depth first (items without one left out). */
  menuLabels(menu: Menu | null): string[] {
    return (menu?.items ?? []).flatMap((i) => [
      ...(i.label ? [i.label] : []),
      ...fake.menuLabels(i.submenu ?? null),
    ]);
  },
  menuRoles(menu: Menu | null): string[] {
    return (menu?.items ?? []).flatMap((i) => [
      ...(i.role ? [i.role] : []),
      ...fake.menuRoles(i.submenu ?? null),
    ]);
  },
  /** Back to a freshly started process (still ready if it was) between in-process tests. */
  reset(): void {
    for (const win of runtime.windows) win.destroyedFlag = true;
    runtime.windows.clear();
    app.removeAllListeners();
    app.isPackaged = false;
    ipcMain.handlers.clear();
    runtime.protocolHandlers.clear();
    runtime.sessions.clear();
    runtime.quitting = false;
    for (const list of [
      fake.calls,
      fake.violations,
      fake.trays,
      fake.views,
      fake.clipboard,
      fake.saveDialogs,
      fake.notifications,
    ])
      list.length = 0;
    fake.saveDialogAnswer = null;
    fake.otherInstanceRunning = false;
    fake.pageScript = null;
  },
};
