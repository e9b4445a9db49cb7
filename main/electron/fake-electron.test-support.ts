// A FAKE of the few Electron APIs the desktop integration touches, for tests only: the Electron binary
// cannot run here. It records what the code asked Electron to do; it decides nothing.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const calls: string[] = [];
export const clipboardText: string[] = [];
export const shownNotifications: { title: string; body: string }[] = [];
export const trays: FakeTray[] = [];

class FakeApp extends EventEmitter {
  isPackaged = false;
  lockAvailable = true;
  readonly root = mkdtempSync(join(tmpdir(), 'fake-electron-'));
  getPath = (name: string) => join(this.root, name);
  getName = () => 'Cobrowse Agent Shell';
  getVersion = () => '9.9.9';
  getLocale = () => 'en-GB';
  requestSingleInstanceLock = () => {
    calls.push('requestSingleInstanceLock');
    return this.lockAvailable;
  };
  isDefaultProtocolClient = () => false;
  setAsDefaultProtocolClient = (scheme: string) => {
    calls.push(`setAsDefaultProtocolClient ${scheme}`);
    return true;
  };
  quit = () => calls.push('quit');
}
export const app = new FakeApp();

export class FakeTray extends EventEmitter {
  tooltip = '';
  images = 0;
  constructor() {
    super();
    trays.push(this);
  }
  setToolTip = (t: string) => {
    this.tooltip = t;
  };
  setImage = () => {
    this.images++;
  };
  setContextMenu = () => {};
  destroy = () => calls.push('tray.destroy');
}

export const Menu = { buildFromTemplate: (template: unknown) => template };
export const nativeImage = {
  createFromBitmap: () => ({ addRepresentation: () => {}, toPNG: () => Buffer.alloc(0) }),
};
// Electron 45: writeText resolves once the text is on the clipboard.
export const clipboard = { writeText: async (t: string) => void clipboardText.push(t) };

export class Notification extends EventEmitter {
  static isSupported = () => true;
  constructor(private readonly opts: { title: string; body: string }) {
    super();
  }
  show = () => shownNotifications.push(this.opts);
}

export class FakeWindow {
  minimized = false;
  visible = true;
  readonly log: string[] = [];
  isMinimized = () => this.minimized;
  isVisible = () => this.visible;
  restore = () => this.log.push('restore');
  show = () => this.log.push('show');
  focus = () => this.log.push('focus');
}

export const electronModule = { app, Tray: FakeTray, Menu, nativeImage, clipboard, Notification };
