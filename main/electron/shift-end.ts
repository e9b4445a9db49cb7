// The end of a shift and other ends the agent did not click Stop for. Every quit stops the live co-browse
// sessions first, so the customer is told at once instead of staying in co-browse until the server's
// inactivity timeout (quitAndInstall included: the update gate lets it run only without a live session, and
// an install at quit runs after `quit`). What starts a quit:
// - Windows log-off, restart or shutdown: `before-quit` is not emitted there, so `query-session-end` blocks
//   the end while a session is live and quits (Windows goes on once the app is gone); `session-end` (not
//   blockable, e.g. a critical shutdown) still starts the quit, as far as the OS lets it run.
// - Linux and macOS shutdown: powerMonitor `shutdown`, delayed while the quit runs.
// - Closing the sidebar window during a session: asked first, as Stop asks.
import { app, dialog, powerMonitor, type BrowserWindow } from 'electron';
import { isLivePhase, type AppState, type Reply } from '../../common/contract';
import type { Logger } from '../../common/logger';
import type { CloseQuestion } from '../core/desktop/close-confirm';

/** The part of the core a shift end needs. */
export interface ShiftEndCore {
  getState(): AppState;
  dispatch(name: 'stop', input: { sessionId: string }): Promise<Reply<unknown>>;
}

/** Our own bound: Windows gives a blocked session end no fixed time, logind's default delay is 5 s. */
const STOP_WITHIN_MS = 4000;

export const liveSessionIds = (state: AppState): string[] =>
  state.sessions.filter((s) => isLivePhase(s.phase)).map((s) => s.id);

/** Stops every live session (the customer is told), giving up on any not stopped within `withinMs`. */
export async function stopLiveSessions(
  core: ShiftEndCore,
  log: Logger,
  withinMs = STOP_WITHIN_MS,
): Promise<void> {
  const ids = liveSessionIds(core.getState());
  if (ids.length === 0) return;
  log.info('stopping live co-browse sessions before quitting', { count: ids.length });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), withinMs)));
  const stops = Promise.all(
    ids.map(async (sessionId) => {
      const reply = await core.dispatch('stop', { sessionId });
      if (!reply.ok) log.warn('stop before quitting failed', { sessionId, code: reply.error.code });
    }),
  );
  if ((await Promise.race([stops, late])) === 'late')
    log.warn('quitting without every stop answered', { withinMs });
  clearTimeout(timer);
}

/**
 * Every quit, whoever started it: `first` (the host's teardown), then the live sessions stopped, then the
 * core closed, then the quit goes on.
 */
export function quitAfterStopping(
  core: ShiftEndCore & { close(): Promise<void> },
  log: Logger,
  first: () => void,
): void {
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    first();
    void stopLiveSessions(core, log)
      .then(() => core.close())
      .catch((err: unknown) => log.error('closing the core failed', { error: String(err) }))
      .finally(() => app.quit());
  });
}

export function guardShiftEnd(opts: {
  window: BrowserWindow;
  core: Pick<ShiftEndCore, 'getState'>;
  question(): CloseQuestion;
  log: Logger;
}): void {
  const { window, log } = opts;
  const live = () => liveSessionIds(opts.core.getState()).length > 0;
  let quitting = false;
  let asking = false;
  app.on('before-quit', () => (quitting = true));

  window.on('close', (event) => {
    if (quitting || !live()) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    const { message, detail, buttons } = opts.question();
    void dialog
      .showMessageBox(window, { type: 'question', message, detail, buttons, defaultId: 1, cancelId: 1 })
      .then(({ response }) => {
        asking = false;
        log.info('window close during a session', { answer: response === 0 ? 'stop and quit' : 'keep' });
        if (response === 0) app.quit();
      });
  });

  window.on('query-session-end', (event) => {
    log.info('the OS session is ending', { reasons: event.reasons.join(',') });
    if (live()) event.preventDefault(); // Windows waits while the sessions stop
    app.quit();
  });
  window.on('session-end', (event) => {
    log.info('the OS session ends now', { reasons: event.reasons.join(',') });
    app.quit();
  });
  // The docs give the handler an event to preventDefault (delay, then quit as soon as possible); the typings
  // declare no argument.
  const onShutdown = (event: Electron.Event) => {
    log.info('the system is shutting down');
    event.preventDefault();
    app.quit();
  };
  powerMonitor.on('shutdown', onShutdown as () => void);
}
