// app: its paths, name and readiness, and the quit sequence Electron documents (`before-quit`, each window's
// `close`, `will-quit`, `quit`).
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeEvent, home, recorded, runtime, violate } from './runtime';

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
      exe: process.execPath,
      appData: appDataDir(),
      userData,
      downloads: join(home, 'Downloads'),
      // Crashpad's database, where local minidumps are kept.
      crashDumps: join(userData, 'Crashpad'),
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
    recorded.calls.push('app.requestSingleInstanceLock');
    return !recorded.otherInstanceRunning;
  }
  isDefaultProtocolClient(): boolean {
    return false;
  }
  setAsDefaultProtocolClient(scheme: string): boolean {
    recorded.calls.push(`app.setAsDefaultProtocolClient ${scheme}`);
    return true;
  }
  /** Windows only (Electron defines it nowhere else). */
  setAppUserModelId(id: string): void {
    if (process.platform !== 'win32') violate('app.setAppUserModelId is not a function', TypeError);
    recorded.calls.push(`app.setAppUserModelId ${id}`);
  }
  /** Windows only. Documented: a GUID with or without braces (braces added); anything else throws. */
  setToastActivatorCLSID(id: string): void {
    if (process.platform !== 'win32') violate('app.setToastActivatorCLSID is not a function', TypeError);
    const m = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i.exec(id);
    if (!m) violate(`Invalid CLSID: ${id}`);
    this.toastActivatorCLSID = `{${m[1]}}`;
    recorded.calls.push(`app.setToastActivatorCLSID ${this.toastActivatorCLSID}`);
  }
  /** Random per run unless set. */
  toastActivatorCLSID = '{00000000-0000-4000-8000-000000000000}';
  quit(): void {
    recorded.calls.push('app.quit');
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
    recorded.calls.push(`app.exit ${code}`);
    for (const win of runtime.windows) win.destroyedFlag = true;
    runtime.windows.clear();
    runtime.exited = true;
    recorded.onExit(code);
  }
}

export function finishQuit(): void {
  const e = new FakeEvent();
  app.emit('will-quit', e);
  if (e.defaultPrevented) return void (runtime.quitting = false);
  app.emit('quit', new FakeEvent(), 0);
  recorded.calls.push('exit 0');
  runtime.exited = true;
  recorded.onExit(0);
}

export const app = new App();
