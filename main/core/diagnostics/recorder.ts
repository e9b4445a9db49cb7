// What support needs beyond the settings, kept in memory by the core for the diagnostics bundle: the tail of
// the log (the web edition writes no log files) and the history of the connection lights. Bounded: a shift's
// worth of state changes, the newest log lines. Lines are masked as the logger masks them; the bundle
// redacts secrets once more on the way out.
import type { AppState } from '../../../common/contract';
import { renderFields, type Logger, type LogFields } from '../../../common/logger';
import { maskTokensIn } from '../../../common/mask';
import { describe } from '../interactions/messages';

export interface ConnectionChange {
  at: number;
  what: 'co-browse server' | 'interaction source';
  state: string;
  detail: string | null;
}

export interface DiagnosticsRecorder {
  /** The logger to use everywhere: each line also lands in the tail. */
  log: Logger;
  /** Notes the lights after a state change; only changes are kept. */
  note(state: Pick<AppState, 'connection' | 'source'>): void;
  logTail(): readonly string[];
  connectionHistory(): readonly ConnectionChange[];
}

const TAIL_LINES = 400;
const HISTORY = 200;

const push = <T>(list: T[], item: T, max: number) => {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
};

export function createDiagnosticsRecorder(log: Logger, now: () => number = Date.now): DiagnosticsRecorder {
  const tail: string[] = [];
  const changes: ConnectionChange[] = [];
  const last = new Map<string, string>();

  const tee = (inner: Logger, scope: string): Logger => {
    const line =
      (level: string, write: (m: string, f?: LogFields) => void) => (msg: string, fields?: LogFields) => {
        write(msg, fields);
        push(
          tail,
          maskTokensIn(`${new Date(now()).toISOString()} ${level} [${scope}] ${msg}${renderFields(fields)}`),
          TAIL_LINES,
        );
      };
    return {
      // Debug lines stay out of the tail: they would crowd out the few lines support reads first.
      debug: inner.debug.bind(inner),
      info: line('INFO', inner.info.bind(inner)),
      warn: line('WARN', inner.warn.bind(inner)),
      error: line('ERROR', inner.error.bind(inner)),
      child: (s) => tee(inner.child(s), `${scope}:${s}`),
    };
  };

  const record = (what: ConnectionChange['what'], state: string, detail: string | null) => {
    const key = `${state} ${detail ?? ''}`;
    if (last.get(what) === key) return;
    last.set(what, key);
    push(changes, { at: now(), what, state, detail }, HISTORY);
  };

  return {
    log: tee(log, 'core'),
    note(state) {
      const { connection, source } = state;
      record('co-browse server', connection.state, connection.detail && describe(connection.detail));
      record(
        'interaction source',
        `${source.kind} ${source.state}`,
        source.detail && describe(source.detail),
      );
    },
    logTail: () => tail,
    connectionHistory: () => changes,
  };
}
