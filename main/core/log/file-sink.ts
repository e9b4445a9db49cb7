// The rotating log files behind createLogger in the desktop app, written by electron-log's file transport
// (its plain-Node entry, so it runs and is tested without Electron). `main.log` rolls to `main.1.log` …
// `main.<keep>.log` at `maxBytes`. Every line is masked again here: a line that reaches the sink by another
// path than createLogger still never carries a whole token.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, parse } from 'node:path';
import electronLog from 'electron-log/node';
import { maskTokensIn } from '../../../common/mask';
import type { LogSink } from '../../../common/logger';

export interface FileLogSink {
  sink: LogSink;
  /** The log files, newest first (the one being written, then its archives). */
  files(): string[];
}

export function createFileLogSink(opts: {
  dir: string;
  fileName?: string;
  maxBytes?: number;
  keep?: number;
}): FileLogSink {
  const current = join(opts.dir, opts.fileName ?? 'main.log');
  const { name, ext } = parse(current);
  const keep = opts.keep ?? 5;
  const archive = (n: number) => join(opts.dir, `${name}.${n}${ext}`);

  const log = electronLog.create({ logId: `file-sink:${current}` });
  log.transports.console.level = false;
  const file = log.transports.file;
  file.level = 'debug';
  file.maxSize = opts.maxBytes ?? 1024 * 1024;
  file.format = '{text}'; // createLogger already stamps time, level and scope
  file.resolvePathFn = () => current;
  file.archiveLogFn = (f) => {
    rmSync(archive(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) if (existsSync(archive(n))) renameSync(archive(n), archive(n + 1));
    renameSync(f.toString(), archive(1));
  };

  return {
    sink: (line, level) => log[level](maskTokensIn(line)),
    files: () =>
      [current, ...Array.from({ length: keep }, (_, i) => archive(i + 1))].filter((p) => existsSync(p)),
  };
}
