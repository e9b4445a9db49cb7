// A renderer that dies (a heavy customer page, out of memory) or hangs is brought back: reloaded in a new
// process, the agent told in the sidebar (`view-recovered`). The state it shows after the reload is the
// core's, so it is true whatever happened meanwhile. A hang gets a grace period to recover by itself (the
// `responsive` event), then the renderer is killed and reloaded, as Electron's docs suggest for
// `unresponsive`. A renderer that keeps dying is left alone after a few reloads: a reload loop helps nobody.
import type { WebContents } from 'electron';
import type { AppError } from '../../common/contract';
import type { Logger } from '../../common/logger';

export type RecoveredView = Extract<AppError, { code: 'view-recovered' }>['params']['view'];

/** Our own choices: how long a hang may last, and how many reloads within a window before giving up. */
export const RECOVERY = { hangGraceMs: 10_000, maxReloads: 3, reloadWindowMs: 60_000 } as const;

export function recoverRenderer(
  wc: WebContents,
  view: RecoveredView,
  opts: { log: Logger; tell(error: AppError): void; hangGraceMs?: number },
): void {
  const log = opts.log.child('renderer');
  const reloads: number[] = [];
  let hang: NodeJS.Timeout | undefined;
  wc.on('render-process-gone', (_event, details) => {
    clearTimeout(hang);
    // A clean exit is Chromium's own (the app or its window closing), nothing to recover.
    if (details.reason === 'clean-exit' || wc.isDestroyed()) return;
    const now = Date.now();
    while (reloads.length > 0 && now - reloads[0]! > RECOVERY.reloadWindowMs) reloads.shift();
    const givingUp = reloads.length >= RECOVERY.maxReloads;
    log.error('renderer gone', { view, reason: details.reason, exitCode: details.exitCode, givingUp });
    opts.tell({
      code: 'view-recovered',
      params: { view, reason: details.reason, outcome: givingUp ? 'left' : 'reloaded' },
    });
    if (givingUp) return;
    reloads.push(now);
    wc.reload();
  });
  wc.on('unresponsive', () => {
    log.warn('renderer unresponsive', { view });
    clearTimeout(hang);
    hang = setTimeout(() => {
      if (wc.isDestroyed()) return;
      log.error('renderer still unresponsive: restarting it', { view });
      wc.forcefullyCrashRenderer(); // render-process-gone follows, and with it the reload
    }, opts.hangGraceMs ?? RECOVERY.hangGraceMs);
  });
  wc.on('responsive', () => {
    if (hang) log.info('renderer responsive again', { view });
    clearTimeout(hang);
    hang = undefined;
  });
  wc.once('destroyed', () => clearTimeout(hang));
}
