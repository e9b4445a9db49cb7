// electron-updater glue: check at start and daily, download in the background, and restart to install only
// when asked and only when no co-browse session is under way (core/update/gate.ts decides). The feed is
// the `generic` provider from electron-builder.yml. Development builds and COBROWSE_UPDATES=off: disabled.
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { JoinPhase, UpdateView } from '../../common/contract';
import type { Logger } from '../../common/logger';
import {
  canRestartForUpdate,
  initialUpdateView,
  reduceUpdate,
  withRestartGate,
  type RestartDecision,
  type UpdaterEvent,
} from '../core/update/gate';
import { scheduleUpdateChecks } from '../core/update/schedule';

export interface Updater {
  /** The view for AppState.update, gated on the current sessions. */
  view(sessionPhases: readonly JoinPhase[]): UpdateView;
  /** The sidebar's `restartToUpdate`: restarts into the new version, or says why not. */
  restartToUpdate(sessionPhases: readonly JoinPhase[]): RestartDecision;
  stop(): void;
}

export function startUpdater(opts: { log: Logger; onChange: () => void }): Updater {
  const enabled = app.isPackaged && process.env.COBROWSE_UPDATES !== 'off';
  let view = initialUpdateView(enabled);
  const base = {
    view: (phases: readonly JoinPhase[]) => withRestartGate(view, phases),
    restartToUpdate: (phases: readonly JoinPhase[]) => canRestartForUpdate(view, phases),
  };
  if (!enabled) return { ...base, stop: () => {} };

  const log = opts.log.child('updater');
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  // Quitting ends any session anyway; installing then is what the agent expects.
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.logger = {
    info: (m?: unknown) => log.info(String(m)),
    warn: (m?: unknown) => log.warn(String(m)),
    error: (m?: unknown) => log.error(String(m)),
    debug: (m: string) => log.debug(m),
  };
  const apply = (e: UpdaterEvent) => {
    view = reduceUpdate(view, e);
    opts.onChange();
  };
  autoUpdater.on('checking-for-update', () => apply({ type: 'checking-for-update' }));
  autoUpdater.on('update-not-available', () => apply({ type: 'update-not-available' }));
  autoUpdater.on('update-available', (info) => apply({ type: 'update-available', version: info.version }));
  autoUpdater.on('download-progress', (p) => apply({ type: 'download-progress', percent: p.percent }));
  autoUpdater.on('update-downloaded', (info) => apply({ type: 'update-downloaded', version: info.version }));
  autoUpdater.on('error', (err) => apply({ type: 'error', message: err.message }));

  const stop = scheduleUpdateChecks(
    () => autoUpdater.checkForUpdates(),
    (err) => log.warn('update check failed', { err }),
  );
  return {
    ...base,
    restartToUpdate(phases) {
      const decision = canRestartForUpdate(view, phases);
      if (decision.ok) {
        log.info('restarting to install the update', { version: view.version });
        // After the reply reaches the sidebar.
        setImmediate(() => autoUpdater.quitAndInstall(false, true));
      }
      return decision;
    },
    stop,
  };
}
