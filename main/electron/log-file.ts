// The app's logger: rotating files in the OS log folder (Windows %APPDATA%\<app>\logs, macOS
// ~/Library/Logs/<app>), mirrored to stderr in development. Tokens are masked before any line is written.
import { app } from 'electron';
import { createLogger, type Logger, type LogSink } from '../../common/logger';
import { createFileLogSink } from '../core/log/file-sink';

export interface AppLog {
  log: Logger;
  /** The log files, newest first (for diagnostics). */
  files: () => string[];
}

export function createAppLog(): AppLog {
  const file = createFileLogSink({ dir: app.getPath('logs') });
  const sink: LogSink = app.isPackaged
    ? file.sink
    : (line, level) => {
        file.sink(line, level);
        process.stderr.write(line + '\n');
      };
  return { log: createLogger({ sink }), files: file.files };
}
