// The composition root both hosts drive: settings, the controller, the interaction source, the lifecycle
// engine and (with no service URL) the embedded demo. It owns AppState (app/app-state.ts) and answers every
// contract request (app/handlers.ts) except the ones only a host can carry out (agent-view placement,
// updates, the clipboard), which it forwards to the host's hooks (app/host-hooks.ts).
import { join as joinPath } from 'node:path';
import type { AppError, AppState } from '../../common/contract';
import type { Logger } from '../../common/logger';
import { appStateOf } from './app/app-state';
import { showError } from './app/context';
import type { StartDemo } from './app/demo';
import { requestHandlers } from './app/handlers';
import { recordSettledSessions } from './app/history-recording';
import type { HostHooks } from './app/host-hooks';
import { joinFromLink } from './app/join';
import { startContext } from './app/start-context';
import { buildDiagnostics } from './diagnostics/bundle';
import { createDiagnosticsRecorder } from './diagnostics/recorder';
import { openHistory } from './history/history';
import { createDispatcher, type Dispatch } from './ipc/dispatch';
import type { LoadedSettings, SettingsPaths } from './settings/store';
import type { SecretStore } from './sources/workspace';

export type { HostHooks } from './app/host-hooks';

export interface AppCoreOptions {
  /** Where the attached-data journal and the local API token live. */
  dataDir: string;
  settings: SettingsPaths;
  log: Logger;
  /** Overrides the configured local API port (tests and parallel runs use 0). */
  localApiPort?: number;
  /** Where Workspace tokens are kept (desktop: safeStorage); default: this run's memory only. */
  secrets?: SecretStore;
  hooks?: HostHooks;
  /** Starts the embedded simulators for demo mode (the host owns them: core never imports simulator/). */
  startDemo: StartDemo;
  /** The OS's UI locale (desktop: `app.getLocale()`); the web edition's page asks its browser instead. */
  systemLocale?: string;
}

export interface DiagnosticsAbout {
  app: { name: string; version: string };
  runtime: Record<string, string>;
  /** Newest first; none → the core's in-memory log tail. */
  logFiles?: readonly string[];
}

export interface AppCore {
  getState(): AppState;
  /** Called on every state change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Answers one contract request (validated here). */
  dispatch: Dispatch;
  /** A join from outside the sidebar (deep link). */
  joinFromLink(sid: string): void;
  /** A problem the sidebar should show (a refused deep link, …). */
  showError(error: AppError): void;
  /** Hooks' own state changed (update offer): push a fresh state. */
  refresh(): void;
  /** The local integration API's address and token file, when it is the source. */
  localApi(): { url: string; tokenFile: string } | null;
  settings(): LoadedSettings;
  /** The diagnostics bundle: the host says who it is (and its log files, if it writes any). */
  diagnostics(about: DiagnosticsAbout): Promise<string>;
  close(): Promise<void>;
}

export async function createAppCore(opts: AppCoreOptions): Promise<AppCore> {
  // Every core log line also goes to an in-memory tail, for the diagnostics of a host without log files.
  const recorder = createDiagnosticsRecorder(opts.log);
  const log = recorder.log;
  const hooks = opts.hooks ?? {};
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((fn) => fn());
  const { ctx, signIn } = await startContext({ ...opts, hooks }, log, changed);
  const link = ctx.link;

  const engineState = () => ctx.runtime.engine.getState();
  const history = await openHistory({
    file: joinPath(opts.dataDir, 'history.journal'),
    log: log.child('history'),
  });
  const unrecord = recordSettledSessions(engineState, history, listeners, log);
  const noteLights = () => {
    const e = engineState();
    recorder.note({ connection: link.connection(e.connection), source: e.source });
  };
  noteLights();
  listeners.add(noteLights);

  return {
    getState: () => appStateOf(ctx),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch: createDispatcher(requestHandlers(ctx, history, signIn), log),
    joinFromLink: (sid) => joinFromLink(ctx, sid),
    showError: (error) => showError(ctx, error),
    refresh: changed,
    localApi: () =>
      ctx.runtime.selected.kind === 'local-api'
        ? { url: ctx.runtime.selected.source.url, tokenFile: ctx.runtime.selected.tokenFile }
        : null,
    settings: () => ctx.loaded,
    diagnostics: (about) =>
      buildDiagnostics({
        ...about,
        logFiles: about.logFiles ?? [],
        settings: ctx.loaded.settings,
        locked: ctx.loaded.locked,
        problems: ctx.loaded.problems,
        logTail: recorder.logTail(),
        sessions: engineState().sessions,
        connectionHistory: recorder.connectionHistory(),
      }),
    async close() {
      listeners.clear();
      unrecord();
      await ctx.runtime.close();
      await link.close();
      await history.close();
    },
  };
}
