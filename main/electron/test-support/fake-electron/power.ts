// powerMonitor, and the ends of an OS session as Electron reports them: `shutdown` on Linux and macOS (a
// handler may delay it by preventDefault, then should quit soon), `query-session-end` and `session-end` on
// each window on Windows (log-off, restart, shutdown). The OS ends a process that did not quit in time.
import { EventEmitter } from 'node:events';
import { FakeEvent, recorded, runtime } from './runtime';

class PowerMonitor extends EventEmitter {
  getSystemIdleState(_threshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    return 'active';
  }
  isOnBatteryPower(): boolean {
    return false;
  }
}
export const powerMonitor = new PowerMonitor();

const endedByOs = (what: string) => {
  if (runtime.exited) return;
  recorded.calls.push(`ended by the OS at ${what}`);
  recorded.onExit(1);
};

/** Linux/macOS shutdown: true when the app asked to delay it; the OS still ends it after `graceMs`. */
export function systemShutdown(graceMs = 5000): boolean {
  const event = new FakeEvent();
  powerMonitor.emit('shutdown', event);
  if (!event.defaultPrevented) setImmediate(() => endedByOs('shutdown'));
  else setTimeout(() => endedByOs('shutdown'), graceMs).unref();
  return event.defaultPrevented;
}

/** WindowSessionEndEvent's reasons. */
export type SessionEndReason = 'shutdown' | 'close-app' | 'critical' | 'logoff';

/**
 * Windows log-off or shutdown: `query-session-end` to each window (a handler may block it, except a
 * critical one); unblocked, `session-end`, after which the OS ends the process. True when blocked.
 */
export function windowsSessionEnd(windows: EventEmitter[], reasons: SessionEndReason[]): boolean {
  const event = Object.assign(new FakeEvent(), { reasons });
  for (const win of windows) win.emit('query-session-end', event);
  if (event.defaultPrevented && !reasons.includes('critical')) return true;
  for (const win of windows) win.emit('session-end', Object.assign(new FakeEvent(), { reasons }));
  setImmediate(() => endedByOs('session end'));
  return false;
}
