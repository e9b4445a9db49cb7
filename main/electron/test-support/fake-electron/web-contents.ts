// webContents: loads through the protocol handlers, navigation events, a sandboxed preload, destruction.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { app } from './app';
import { invokeHandler } from './ipc';
import { requestThroughHandler } from './protocol';
import { destroyable, FakeEvent, recorded, runtime, violate, type Listener } from './runtime';
import { sessionFor, type Session } from './session';

export interface WebPreferences {
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
  /** The renderer process is gone (crashed or killed) until the next load starts a new one. */
  crashed = false;
  /** The renderer stopped answering (`unresponsive` emitted, `responsive` not yet). */
  hung = false;

  constructor(readonly webPreferences: WebPreferences) {
    super();
    this.session = sessionFor(webPreferences.partition ?? '');
    runtime.webContentsCreated++;
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
    if (this.crashed || this.hung) return; // no renderer takes it
    setImmediate(() => {
      for (const listener of this.pageListeners.get(channel) ?? []) listener({ sender: null }, payload);
    });
  }
  close(): void {
    destroyWebContents(this);
  }
  isCrashed(): boolean {
    return this.crashed;
  }
  /** The current URL again, in a new renderer process when the old one is gone. */
  reload(): void {
    const url = this.mainFrame.url;
    if (url) void this.loadURL(url).catch(() => {});
  }
  /** Documented: `render-process-gone` with reason `killed` (or `crashed`); a reload then gets a new process. */
  forcefullyCrashRenderer(): void {
    rendererGone(this, 'killed');
  }
  async loadURL(url: string): Promise<void> {
    const cookies = (await this.session.cookies.get({ url })).map((c) => `${c.name}=${c.value}`);
    this.loads.push({ url, cookies });
    // A new document: the old one's preload world, variables and listeners are gone with it.
    this.crashed = this.hung = false;
    for (const held of [this.world, this.page]) for (const key of Object.keys(held)) delete held[key];
    this.pageListeners.clear();
    const scheme = new URL(url).protocol.slice(0, -1);
    if (runtime.protocolHandlers.has(scheme)) {
      let res: Response;
      try {
        res = await requestThroughHandler(url);
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
    recorded.pageScript?.(this);
  }
}

/** The renderer process ended: Electron keeps the webContents (it can reload) and says why. */
export function rendererGone(wc: WebContents, reason: 'crashed' | 'killed' | 'oom'): void {
  if (wc.destroyedFlag || wc.crashed) return;
  wc.crashed = true;
  wc.hung = false;
  wc.emit('render-process-gone', new FakeEvent(), { reason, exitCode: reason === 'killed' ? 15 : 1 });
}

export function destroyWebContents(wc: WebContents): void {
  if (wc.destroyedFlag) return;
  wc.destroyedFlag = true;
  wc.emit('destroyed');
}

/** A sandboxed preload: its own context, `require` limited to what Electron's sandbox offers. */
function runSandboxedPreload(wc: WebContents, file: string): void {
  const allowed = createRequire(import.meta.url);
  const ipcRenderer = {
    invoke: async (channel: string, input: unknown) =>
      structuredClone(await invokeHandler(wc, channel, input)),
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
