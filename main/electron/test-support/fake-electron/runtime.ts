// The stub's shared state: what every area of the fake Electron runtime reads and records, and the rules all
// areas enforce (readiness, "Object has been destroyed").
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow } from './windows';
import type { Menu } from './menus';
import type { Notification } from './notifications';
import type { Session } from './session';
import type { Tray } from './tray';
import type { WebContentsView } from './views';
import type { WebContents } from './web-contents';

export interface MessageBox {
  modal: boolean;
  message: string;
  detail: string;
  buttons: string[];
  cancelId: number | undefined;
  answer: ((response: number) => void) | null;
}
export interface CrashReporterOptions {
  uploadToServer?: boolean;
  submitURL?: string;
  [key: string]: unknown;
}

export const home = process.env.FAKE_ELECTRON_HOME ?? mkdtempSync(join(tmpdir(), 'fake-electron-'));

export type Listener = (...args: unknown[]) => void;
export type Rect = { x: number; y: number; width: number; height: number };

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export const runtime = {
  ready: false,
  quitting: false,
  /** The process ended (quit or exit); the OS has nothing left to end. */
  exited: false,
  readyWaiters: [] as (() => void)[],
  windows: new Set<BrowserWindow>(),
  nextId: 1,
  schemesRegistered: false,
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  sessions: new Map<string, Session>(),
  webContentsCreated: 0,
  appMenu: null as Menu | null,
  appMenuSet: false,
};

export function violate(message: string, ErrorType: ErrorConstructor = Error): never {
  recorded.violations.push(message);
  throw new ErrorType(message);
}
export const requireReady = (what: string) => {
  if (!runtime.ready) violate(`${what} cannot be used before the app is ready`);
};

/** Electron's objects throw on any API use once destroyed; events and `isDestroyed()` still work. */
export function destroyable<T extends EventEmitter & { destroyedFlag: boolean }>(obj: T): T {
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

/** What the host did and what tests set: the data half of `fake` (controls.ts adds its methods). */
export const recorded = {
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
  /** Each message box shown, open until `fake.answerMessageBox`. */
  messageBoxes: [] as MessageBox[],
  /** crashReporter.start's options, once started. */
  crashReporter: null as CrashReporterOptions | null,
  notifications: [] as { title: string; body: string; ref: WeakRef<Notification> }[],
  home,
  otherInstanceRunning: false,
  /** Called after each document loads (the page's own scripts; none run here). */
  pageScript: null as ((wc: WebContents) => void) | null,
  /** The process ends: a child process really exits; in-process tests just see `exit` in `calls`. */
  onExit: (_code: number) => {},
};
