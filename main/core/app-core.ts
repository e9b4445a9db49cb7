// The composition root both hosts drive: settings, the controller, the interaction source, the lifecycle
// engine and (with no service URL) the embedded demo. It owns AppState and answers every contract request
// except the ones only a host can carry out (agent-view placement, updates, the clipboard), which it
// forwards to the host's hooks.
import {
  isLivePhase,
  normaliseSessionId,
  type AppError,
  type AppState,
  type Bounds,
  type JoinPhase,
  type SaveDiagnosticsOutcome,
  type SettingsPatch,
  type UpdateView,
} from '../../common/contract';
import { startRuntime, type Runtime } from './app/interaction-runtime';
import { startServiceLink } from './app/service-link';
import { createDispatcher, RequestRefused, type Dispatch } from './ipc/dispatch';
import { buildDiagnostics } from './diagnostics/bundle';
import { createDiagnosticsRecorder } from './diagnostics/recorder';
import { historyEntryOf, openHistory, type History } from './history/history';
import type { Logger } from '../../common/logger';
import { maskTokensIn } from '../../common/mask';
import {
  isDemoMode,
  settingApplies,
  settingsKeys,
  SidebarSettings,
  type Settings,
} from '../../common/settings-schema';
import { join as joinPath } from 'node:path';
import { flagFor, settingsFromArgv } from './settings/flags';
import { loadSettings, saveUserSettings, type LoadedSettings, type SettingsPaths } from './settings/store';
import { memorySecretStore } from './sources/select';
import type { SecretStore } from './sources/workspace';
import { initialUpdateView, type RestartDecision } from './update/gate';
import type { StartDemo } from './app/demo';
import type { Controller, SessionOwner } from './controller/types';

/** What only a host can do. Every hook is optional: the web edition has no updater, for instance. */
export interface HostHooks {
  updateView?(phases: readonly JoinPhase[]): UpdateView;
  restartToUpdate?(phases: readonly JoinPhase[]): RestartDecision;
  /** Desktop copies to the clipboard itself and returns null; web returns the text for the page. */
  copyDiagnostics?(): Promise<string | null>;
  saveDiagnostics?(): Promise<SaveDiagnosticsOutcome>;
  setAgentViewBounds?(bounds: Bounds | null): void;
  popOutAgentView?(out: boolean): boolean;
  /** Whether the agent view is popped out now (the agent may close its window at any time). */
  agentViewPoppedOut?(): boolean;
  /** Settings the host applies itself (always-on-top). */
  settingsChanged?(settings: Settings): void;
  /** Opens a URL in the system browser (Workspace sign-in); without it the page is given the URL to open. */
  openExternal?(url: string): Promise<void> | void;
  /** A session being joined has its owning node (the join itself still under way): warm up, show nothing. */
  ownerKnown?(owner: SessionOwner): void;
}

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
  localApi(): { url: string; discoveryFile: string } | null;
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
  let loaded = await loadSettings(opts.settings);
  let lastError: AppError | null = settingsProblem(loaded.problems);
  for (const p of loaded.problems) log.warn('settings problem', { problem: p });
  // Flags outrank the user's file: a change saved here would silently not apply while one is set.
  const flagged = settingsFromArgv(opts.settings.argv ?? []).values;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((fn) => fn());

  const link = await startServiceLink(loaded.settings, log, opts.startDemo, changed);
  // Web edition: the sign-in URL goes back to the page that asked, which opens it itself.
  let handOverSignInUrl: ((url: string) => void) | null = null;
  const runtimeDeps = {
    dataDir: opts.dataDir,
    controller: {
      ...link.controller,
      join: (token, o) => link.controller.join(token, { onOwner: hooks.ownerKnown, ...o }),
    } satisfies Controller,
    ...(opts.localApiPort !== undefined ? { localApiPort: opts.localApiPort } : {}),
    secrets: opts.secrets ?? memorySecretStore(),
    openBrowser: (url: string) => (hooks.openExternal ? hooks.openExternal(url) : handOverSignInUrl?.(url)),
    debug: () => loaded.settings.debug,
    maxSessions: () => loaded.settings.maxConcurrentSessions,
    showError: (error: AppError) => {
      lastError = error;
      changed();
    },
    log,
    changed,
  };
  let runtime: Runtime = await startRuntime(loaded.settings, link.demo(), runtimeDeps);
  lastError ??= runtime.startProblem;

  const engine = () => runtime.engine;
  const phases = () =>
    engine()
      .getState()
      .sessions.map((s) => s.phase);
  const hasLiveSession = () => phases().some(isLivePhase);
  const history = await openHistory({
    file: joinPath(opts.dataDir, 'history.journal'),
    log: log.child('history'),
  });
  const unrecord = recordSettledSessions(() => engine().getState(), history, listeners, log);
  const noteLights = () => {
    const e = engine().getState();
    recorder.note({ connection: link.connection(e.connection), source: e.source });
  };
  noteLights();
  listeners.add(noteLights);

  function getState(): AppState {
    const e = engine().getState();
    const s = loaded.settings;
    const demo = link.demo();
    return {
      mode: demo ? 'demo' : 'live',
      service: { url: demo ? demo.serviceUrl : s.serviceUrl, demoCustomerUrl: demo?.customerUrl ?? null },
      connection: link.connection(e.connection),
      source: e.source,
      interactions: e.interactions,
      selectedInteractionId: e.selectedInteractionId,
      sessions: link.withoutStaleAlerts(e.sessions),
      agentView: e.agentView && { ...e.agentView, poppedOut: hooks.agentViewPoppedOut?.() ?? false },
      settings: { ...SidebarSettings.parse(s), locked: loaded.locked },
      systemLocale: opts.systemLocale ?? null,
      lastError,
      update: hooks.updateView?.(e.sessions.map((x) => x.phase)) ?? initialUpdateView(false),
    };
  }

  async function join(
    raw: string,
    interactionId: string | null | undefined,
    via: 'typed' | 'deep-link',
    replace = false,
  ) {
    const token = normaliseSessionId(raw) ?? raw.trim();
    log.info('join requested', { via, token: maskTokensIn(token) });
    lastError = null;
    return engine().join(token, {
      via,
      replace,
      ...(interactionId !== undefined ? { interactionId } : {}),
    });
  }

  async function updateSettings(patch: SettingsPatch) {
    const proposed: Partial<Settings> = patch;
    const changes = settingsKeys.filter((k) => k in proposed && proposed[k] !== loaded.settings[k]);
    // Connection and source settings shape what a live session depends on: changed only while none is.
    const connection = changes.some((k) => settingApplies(k) === 'connection');
    const source = changes.some((k) => settingApplies(k) === 'source');
    if ((connection || source) && hasLiveSession())
      throw new RequestRefused({ code: 'settings-during-session' });
    const pinned = changes.find((k) => k in flagged);
    if (pinned) throw new RequestRefused({ code: 'set-on-command-line', params: { flag: flagFor(pinned) } });
    const saved = await saveUserSettings(opts.settings, patch);
    if (!saved.ok) throw new RequestRefused({ code: 'settings-invalid', params: { problem: saved.error } });
    const wasDemo = isDemoMode(loaded.settings);
    loaded = saved;
    if (connection || source) await link.apply(loaded.settings);
    // The demo's chats live in its own simulators: entering or leaving it changes the source's world too.
    if (source || wasDemo !== isDemoMode(loaded.settings)) {
      await runtime.close();
      runtime = await startRuntime(loaded.settings, link.demo(), runtimeDeps);
      lastError = runtime.startProblem;
    }
    hooks.settingsChanged?.(loaded.settings);
    changed();
    return getState().settings;
  }

  function workspace() {
    if (runtime.selected.kind === 'workspace') return runtime.selected.source;
    throw new RequestRefused({
      code: runtime.selected.kind === 'unconfigured' ? 'workspace-not-set-up' : 'not-workspace',
    });
  }

  async function workspaceSignIn() {
    const ws = workspace();
    const handedOver = new Promise<string | null>((resolve) => (handOverSignInUrl = resolve));
    const done = ws.signIn().then(
      () => null,
      (err: unknown) => {
        lastError = {
          code: 'sign-in-failed',
          params: { problem: err instanceof Error ? err.message : String(err) },
        };
        changed();
        return null;
      },
    );
    // Desktop: the system browser opened and `done` settles later; web: the page gets the URL to open.
    const openUrl = await Promise.race([handedOver, hooks.openExternal ? Promise.resolve(null) : done]);
    handOverSignInUrl = null;
    return { openUrl };
  }

  const dispatch = createDispatcher(
    {
      ready: () => getState(),
      join: ({ token, interactionId, replace }) => join(token, interactionId, 'typed', replace),
      answerRequest: async ({ interactionId, accept }) => {
        try {
          return await engine().answerRequest(interactionId, accept);
        } catch (err) {
          if (!(err instanceof RangeError)) throw err;
          throw new RequestRefused({ code: 'no-request' });
        }
      },
      exit: async ({ sessionId }) => (await withSession(() => engine().exit(sessionId)), null),
      stop: async ({ sessionId }) => (await withSession(() => engine().stop(sessionId)), null),
      selectInteraction: ({ interactionId }) => {
        const refusal = engine().selectInteraction(interactionId);
        if (refusal) throw new RequestRefused(refusal);
        return null;
      },
      updateSettings,
      setAgentViewBounds: ({ bounds }) => (hooks.setAgentViewBounds?.(bounds), null),
      popOutAgentView: ({ out }) => ({ out: hooks.popOutAgentView?.(out) ?? false }),
      dismissError: () => {
        lastError = null;
        changed();
        return null;
      },
      workspaceSignIn,
      workspaceUseToken: async ({ token }) => {
        await workspace().useToken(token);
        return null;
      },
      workspaceSignOut: async () => {
        const ws = workspace();
        // Signed out, the app would no longer hear of a transfer or a close: the session would outlive them.
        if (hasLiveSession()) throw new RequestRefused({ code: 'sign-out-during-session' });
        await ws.signOut();
        return null;
      },
      restartToUpdate: () => {
        const decision = hooks.restartToUpdate?.(phases()) ?? { ok: false, reason: 'update-none-waiting' };
        if (!decision.ok) throw new RequestRefused({ code: decision.reason });
        return null;
      },
      copyDiagnostics: async () => ({ text: (await hooks.copyDiagnostics?.()) ?? null }),
      saveDiagnostics: () => {
        if (!hooks.saveDiagnostics) throw new RequestRefused({ code: 'save-unsupported' });
        return hooks.saveDiagnostics();
      },
      history: () => ({ entries: history.today() }),
    },
    log,
  );

  return {
    getState,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch,
    joinFromLink(sid) {
      // Nobody waits for this reply: a join that does not happen is said where the agent looks.
      void join(sid, undefined, 'deep-link').then((outcome) => {
        if (outcome.outcome === 'failed' && outcome.sessionId === null) {
          lastError = outcome.error;
          changed();
        }
      });
    },
    showError(error) {
      lastError = error;
      changed();
    },
    refresh: changed,
    localApi: () =>
      runtime.selected.kind === 'local-api'
        ? { url: runtime.selected.source.url, discoveryFile: runtime.selected.source.discoveryFile }
        : null,
    settings: () => loaded,
    diagnostics: (about) =>
      buildDiagnostics({
        ...about,
        logFiles: about.logFiles ?? [],
        settings: loaded.settings,
        locked: loaded.locked,
        problems: loaded.problems,
        logTail: recorder.logTail(),
        sessions: engine().getState().sessions,
        connectionHistory: recorder.connectionHistory(),
      }),
    async close() {
      listeners.clear();
      unrecord();
      await runtime.close();
      await link.close();
      await history.close();
    },
  };
}

async function withSession(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (err instanceof RangeError) throw new RequestRefused({ code: 'unknown-session' });
    throw err;
  }
}

/** Writes each settled session to the history, and again when its attached data changes state. */
function recordSettledSessions(
  state: () => { sessions: AppState['sessions']; interactions: AppState['interactions'] },
  history: History,
  listeners: Set<() => void>,
  log: Logger,
): () => void {
  const onChange = () => {
    const { sessions, interactions } = state();
    for (const session of sessions) {
      const entry = historyEntryOf(
        session,
        interactions.find((i) => i.id === session.interactionId),
      );
      const stored = entry && history.get(entry.id);
      if (!entry || (stored && stored.attachedData === entry.attachedData)) continue;
      history.record(entry).catch((err: unknown) => log.error('history: entry not saved', { error: err }));
    }
  };
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

function settingsProblem(problems: string[]): AppError | null {
  if (problems.length === 0) return null;
  return { code: 'settings-problem', params: { problem: problems.join(' · ') } };
}
