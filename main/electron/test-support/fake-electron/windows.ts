// BrowserWindow: its webContents and content view, show/hide, and the close sequence.
import { EventEmitter } from 'node:events';
import { app, finishQuit } from './app';
import { destroyable, FakeEvent, recorded, requireReady, runtime, type Rect } from './runtime';
import { View } from './views';
import { destroyWebContents, WebContents, type WebPreferences } from './web-contents';

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
    recorded.calls.push(`window ${this.id} focus`);
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
