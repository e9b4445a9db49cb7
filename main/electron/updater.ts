// electron-updater glue: check at start and daily, download in the background, and restart to install only
// when asked and only when no co-browse session is under way (core/update/gate.ts decides); otherwise the
// download installs quietly when the app quits (electron-updater runs the installer silently then). The
// feed is electron-builder.yml's `generic` one unless the administrator set `updateUrl`/`updateChannel`;
// `autoUpdate` false (or a development build) turns it off (core/update/feed-policy.ts).
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { JoinPhase, UpdateView } from '../../common/contract';
import type { Logger } from '../../common/logger';
import {
  canRestartForUpdate,
  updateViewOf,
  reduceUpdate,
  withRestartGate,
  type RestartDecision,
  type UpdaterEvent,
} from '../core/update/gate';
import { planUpdates } from '../core/update/feed-policy';
import { scheduleUpdateChecks } from '../core/update/schedule';
import type { Settings } from '../../common/settings-schema';

export interface Updater {
  /** The view for AppState.update, gated on the current sessions. */
  view(sessionPhases: readonly JoinPhase[]): UpdateView;
  /** The sidebar's `restartToUpdate`: restarts into the new version, or says why not. */
  restartToUpdate(sessionPhases: readonly JoinPhase[]): RestartDecision;
  stop(): void;
}

export function startUpdater(opts: {
  log: Logger;
  onChange: () => void;
  settings: Pick<Settings, 'autoUpdate' | 'updateUrl' | 'updateChannel'>;
}): Updater {
  const plan = planUpdates(opts.settings, app.isPackaged);
  let view = updateViewOf(plan);
  const base = {
    view: (phases: readonly JoinPhase[]) => withRestartGate(view, phases),
    restartToUpdate: (phases: readonly JoinPhase[]) => canRestartForUpdate(view, phases),
  };
  const log = opts.log.child('updater');
  if (!plan.enabled) {
    log.info('automatic updates off', { why: plan.why });
    return { ...base, stop: () => {} };
  }
  const { autoUpdater } = electronUpdater;
  if (plan.feed) autoUpdater.setFeedURL(plan.feed);
  autoUpdater.channel = plan.channel;
  log.info('automatic updates on', { feed: plan.feed?.url ?? 'built in', channel: plan.channel });
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
