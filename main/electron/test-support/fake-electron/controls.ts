// The test controls (not Electron's API): `fake` is the recorded state plus what a test plays (ready, a
// second launch, navigations, clicks, garbage collection) and `reset` between in-process tests.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { until } from '../../../core/test-support/until';
import { app } from './app';
import { invokeHandler, ipcMain } from './ipc';
import { defaultMenu, type Menu } from './menus';
import { requestThroughHandler } from './protocol';
import { powerMonitor, systemShutdown, windowsSessionEnd, type SessionEndReason } from './power';
import { FakeEvent, recorded, runtime } from './runtime';
import { rendererGone, type WebContents } from './web-contents';
import { activations } from './notifications';
import { safeStorageKey } from './system';
import type { BrowserWindow } from './windows';

export const fake = Object.assign(recorded, {
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
  invoke: invokeHandler,
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
  request: requestThroughHandler,
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
    const note = recorded.notifications[n]?.ref.deref();
    note?.emit('click', new FakeEvent());
    return note !== undefined;
  },
  /** The renderer of `wc` crashes (or is killed, or runs out of memory): `render-process-gone`. */
  crashRenderer(wc: WebContents, reason: 'crashed' | 'killed' | 'oom' = 'crashed'): void {
    rendererGone(wc, reason);
  },
  /** The renderer of `wc` stops answering: `unresponsive` on it and on its window (if it has one). */
  hangRenderer(wc: WebContents): void {
    wc.hung = true;
    wc.emit('unresponsive');
    for (const win of runtime.windows) if (win.webContents === wc) win.emit('unresponsive');
  },
  /** It answers again: `responsive`. */
  unhangRenderer(wc: WebContents): void {
    if (!wc.hung) return;
    wc.hung = false;
    wc.emit('responsive');
    for (const win of runtime.windows) if (win.webContents === wc) win.emit('responsive');
  },
  /** Windows: a toast is clicked in the Action Center (its JS object long gone, maybe the app restarted). */
  activateToast(details = { type: 'click', arguments: '' }): void {
    if (activations.handler) activations.handler(details);
    else activations.early.push(details);
  },
  /** The OS rotates safeStorage's key: ciphertext made before asks to be re-encrypted. */
  rotateSafeStorageKey(): void {
    safeStorageKey.version++;
  },
  /** Every partition a session was made for, since start (Electron frees none of them). */
  partitions: (): string[] => [...runtime.sessions.keys()],
  /** The agent drags or resizes `win` to `bounds`: `move` and `resize`, as the window manager reports them. */
  moveWindow(win: BrowserWindow, bounds: { x: number; y: number; width: number; height: number }): void {
    win.bounds = { ...bounds };
    win.emit('move');
    win.emit('resize');
  },
  /** The agent answers the oldest open message box with the button at `response`; its text, or null. */
  answerMessageBox(response: number): string | null {
    const box = recorded.messageBoxes.find((b) => b.answer);
    if (!box?.answer) return null;
    const answer = box.answer;
    box.answer = null;
    answer(response);
    return box.buttons[response] ?? null;
  },
  /** Linux/macOS shutdown (powerMonitor `shutdown`); true when the app delayed it. */
  systemShutdown,
  /** Windows log-off/shutdown to every window; true when a window blocked it. */
  windowsSessionEnd: (reasons: SessionEndReason[]) => windowsSessionEnd([...runtime.windows], reasons),
  /** A full garbage collection, so weakly held objects really go. */
  async collectGarbage(): Promise<void> {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    await new Promise((resolve) => setImmediate(resolve)); // WeakRef targets are kept until the job ends
    gc();
  },
  /** Each item's label, depth first (items without one left out). */
  menuLabels(menu: Menu | null): string[] {
    return (menu?.items ?? []).flatMap((i) => [
      ...(i.label ? [i.label] : []),
      ...fake.menuLabels(i.submenu ?? null),
    ]);
  },
  /** Every role in a menu, submenus included. */
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
    runtime.exited = false;
    runtime.webContentsCreated = 0;
    for (const list of [
      recorded.calls,
      recorded.violations,
      recorded.trays,
      recorded.views,
      recorded.clipboard,
      recorded.saveDialogs,
      recorded.notifications,
      recorded.messageBoxes,
    ])
      list.length = 0;
    recorded.saveDialogAnswer = null;
    recorded.otherInstanceRunning = false;
    recorded.pageScript = null;
    recorded.crashReporter = null;
    safeStorageKey.version = 1;
    activations.handler = null;
    activations.early.length = 0;
    powerMonitor.removeAllListeners();
  },
});
