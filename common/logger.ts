// Structured logs for the core. Every line passes through maskTokensIn, so a token that slips into a
// message or a field is still masked. Hosts choose the sink (stderr here, rotating files in Electron).
import { maskTokensIn } from './mask';

export type Level = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;
export type LogSink = (line: string, level: Level) => void;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** ` {json}` of a line's fields (Errors as name and message), as every sink writes them. */
export function renderFields(fields: LogFields | undefined): string {
  if (!fields) return '';
  try {
    return (
      ' ' +
      JSON.stringify(fields, (_k, v: unknown) =>
        v instanceof Error ? { name: v.name, message: v.message } : v,
      )
    );
  } catch {
    return ' [unserialisable fields]';
  }
}

export function createLogger(opts: { scope?: string; level?: Level; sink?: LogSink } = {}): Logger {
  const min =
    order[opts.level ?? (process.env.COBROWSE_LOG_LEVEL as Level | undefined) ?? 'info'] ?? order.info;
  const sink: LogSink = opts.sink ?? ((line) => process.stderr.write(line + '\n'));
  const scope = opts.scope ?? 'app';
  const write = (level: Level, msg: string, fields?: LogFields) => {
    if (order[level] < min) return;
    sink(
      maskTokensIn(
        `${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${msg}${renderFields(fields)}`,
      ),
      level,
    );
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (s) => createLogger({ ...opts, scope: `${scope}:${s}` }),
  };
}

/** For tests and benches that want silence unless something is wrong. */
export const quietLogger = (): Logger => createLogger({ level: 'error' });
