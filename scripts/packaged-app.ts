// Where electron-builder leaves the unpacked app for this runner (dist/win-unpacked, dist/mac[-arm64]) and
// where that app writes its log (Electron's `logs` path, named after productName).
import { join } from 'node:path';

export interface PackagedApp {
  executable: string;
  logFile: string;
}

export function packagedApp(opts: {
  platform: NodeJS.Platform;
  arch: string;
  productName: string;
  home: string;
  /** %APPDATA% on Windows. */
  appData?: string;
}): PackagedApp | null {
  const { productName: name, home } = opts;
  if (opts.platform === 'win32')
    return {
      executable: join('dist', 'win-unpacked', `${name}.exe`),
      logFile: join(opts.appData ?? join(home, 'AppData', 'Roaming'), name, 'logs', 'main.log'),
    };
  if (opts.platform === 'darwin')
    return {
      executable: join(
        'dist',
        opts.arch === 'arm64' ? 'mac-arm64' : 'mac',
        `${name}.app`,
        'Contents',
        'MacOS',
        name,
      ),
      logFile: join(home, 'Library', 'Logs', name, 'main.log'),
    };
  return null; // the desktop workflow builds only Windows and macOS
}
