// A STUB of the Electron 45 runtime (a fake, for tests only: the Electron binary cannot run here). It stands in
// for the `electron` module in-process (`vi.mock`) and under the built main bundle in a child process
// (../fake-electron-main.ts). It records what the host asked for and enforces, throwing as
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
// - A renderer that crashed or was killed leaves its webContents usable: `render-process-gone`, then a
//   reload starts a new renderer (preload and page again). A hung one emits `unresponsive` (window and
//   webContents); `forcefullyCrashRenderer()` kills it.
// - OS session ends: powerMonitor `shutdown` (Linux, macOS; delayable), window `query-session-end` (Windows;
//   blockable unless critical) then `session-end`, after which the OS ends the process.
// - crashReporter.start needs a submitURL unless uploadToServer is false, and monitors only renderers
//   created after it.
// - A sandboxed preload runs in its own context and may require only `electron`, `events`, `timers`, `url`.
// Rule breaks are also kept in `fake.violations`, so a throw the host swallows still fails a test.
// One file per area of Electron's API; runtime.ts holds the state they share.
export { app } from './app';
export { fake } from './controls';
export { ipcMain } from './ipc';
export { Menu, MenuItem } from './menus';
export { Notification } from './notifications';
export { net, protocol } from './protocol';
export { session, Session } from './session';
export { powerMonitor } from './power';
export { clipboard, crashReporter, dialog, nativeTheme, safeStorage, screen, shell } from './system';
export { nativeImage, Tray } from './tray';
export { View, WebContentsView } from './views';
export { WebContents } from './web-contents';
export { BrowserWindow } from './windows';
