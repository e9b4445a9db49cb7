// The composition root both hosts drive: settings, the controller, the interaction source, the lifecycle
// engine and (with no service URL) the embedded demo. It owns AppState and answers every contract request
// except the ones only a host can carry out (agent-view placement, updates, the clipboard), which it
// forwards to the host's hooks.
import { join as joinPath } from 'node:path';
import {
  normaliseSessionId,
  type AppError,
  type AppState,
  type Bounds,
  type JoinPhase,
  type SettingsPatch,
  type UpdateView,
} from '../../preload/contract';
import { createController, type Controller, type ProbeResult } from './controller';
import { demoLocalApiPort, startEmbeddedDemo, type EmbeddedDemo } from './demo/embedded';
import { InteractionEngine } from './interactions/engine';
import { createDispatcher, RequestRefused, type Dispatch } from './ipc/dispatch';
import type { Logger } from './log/logger';
import { maskTokensIn } from './log/mask';
import { isDemoMode, type Settings } from './settings/schema';
import { loadSettings, saveUserSettings, type LoadedSettings, type SettingsPaths } from './settings/store';
import { createLocalApiSource } from './sources/local-api/server';
import { loadOrCreateToken } from './sources/local-api/token-file';
import { initialUpdateView, type RestartDecision } from './update/gate';

/** What only a host can do. Every hook is optional: the web edition has no updater, for instance. */
export interface HostHooks {
  updateView?(phases: readonly JoinPhase[]): UpdateView;
  restartToUpdate?(phases: readonly JoinPhase[]): RestartDecision;
  /** Desktop copies to the clipboard itself and returns null; web returns the text for the page. */
  copyDiagnostics?(): Promise<string | null>;
  setAgentViewBounds?(bounds: Bounds | null): void;
  popOutAgentView?(out: boolean): boolean;
  /** Whether the agent view is popped out now (the agent may close its window at any time). */
  agentViewPoppedOut?(): boolean;
  /** Settings the host applies itself (always-on-top). */
  settingsChanged?(settings: Settings): void;
}

export interface AppCoreOptions {
  /** Where the attached-data journal and the local API token live. */
  dataDir: string;
  settings: SettingsPaths;
  log: Logger;
  /** Overrides the configured local API port (tests and parallel runs use 0). */
  localApiPort?: number;
  hooks?: HostHooks;
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
  /** The local integration API's address and token file (for the demo desk and integrators). */
  localApi(): { url: string; tokenFile: string };
  settings(): LoadedSettings;
  close(): Promise<void>;
}

/** Keys that shape the connection to the Co-browse Server: changed only while no session is live. */
const CONNECTION_KEYS = [
  'serviceUrl',
  'origin',
  'stickiness',
  'transport',
  'agentName',
  'extraCaFile',
] as const;
const LIVE_PHASES: ReadonlySet<JoinPhase> = new Set([
  'looking-up',
  'connecting',
  'joined',
  'waiting-customer',
  'active',
  'ending',
]);

export async function createAppCore(opts: AppCoreOptions): Promise<AppCore> {
  const log = opts.log;
  const hooks = opts.hooks ?? {};
  let loaded = await loadSettings(opts.settings);
  let lastError: AppError | null = settingsProblem(loaded.problems);
  for (const p of loaded.problems) log.warn('settings problem', { problem: p });

  let demo = null as EmbeddedDemo | null;
  let controller: Controller;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((fn) => fn());

  // The engine keeps one Controller for its life; this one forwards to the current one, so a settings change
  // (new service URL, stickiness, transport) swaps it without rebuilding the engine.
  const current: Controller = {
    join: (token, options) => controller.join(token, options),
    probe: () => controller.probe(),
    close: () => controller.close(),
  };

  // Between sessions the indicator still tells the agent whether the service answers, before a customer
  // reads out a session ID; the probe also keeps the warm connection warm.
  let reachable: ProbeResult | null = null;
  async function probeService(): Promise<void> {
    const probed = controller;
    const result = await probed.probe();
    if (probed !== controller) return; // the service changed meanwhile
    const before = reachable;
    reachable = result;
    if (before?.ok !== result.ok || (!result.ok && !before?.ok && before?.detail !== result.detail))
      changed();
  }

  async function applyService(settings: Settings): Promise<void> {
    if (isDemoMode(settings) && !demo) demo = await startEmbeddedDemo(log);
    else if (!isDemoMode(settings) && demo) {
      await demo.stop();
      demo = null;
    }
    const old = controller as Controller | undefined;
    controller = createController({
      serviceUrl: demo ? demo.serviceUrl : settings.serviceUrl,
      origin: settings.origin,
      stickiness: settings.stickiness,
      transport: settings.transport,
      agentName: settings.agentName,
      extraCaFile: settings.extraCaFile,
      logger: log,
    });
    await old?.close();
    reachable = null;
    void probeService();
  }
  await applyService(loaded.settings);
  const probeTimer = setInterval(() => void probeService(), PROBE_INTERVAL_MS);
  probeTimer.unref();

  const tokenFile = joinPath(opts.dataDir, 'local-api-token');
  const configuredPort = opts.localApiPort ?? loaded.settings.localApiPort;
  const source = createLocalApiSource({
    port: demo ? await demoLocalApiPort(configuredPort, log) : configuredPort,
    tokenFile,
    log,
  });
  const engine = await InteractionEngine.create({
    controller: current,
    source,
    journalFile: joinPath(opts.dataDir, 'attached-data.journal'),
    log,
    debug: () => loaded.settings.debug,
  });
  source.setStateProvider(() => engine.getState());
  engine.subscribe(changed);
  try {
    await engine.start();
    if (demo) await demo.connectDesk({ url: source.url, token: await loadOrCreateToken(tokenFile) });
  } catch (err) {
    // A busy port must not keep the agent from typed joins: the sidebar says what is wrong.
    const message = err instanceof Error ? err.message : String(err);
    log.error('interaction source did not start', { error: message });
    lastError = {
      code: 'source-unavailable',
      message: `The local integration API could not start (${message}).`,
      action: 'Typed session IDs still work. Free the port or change localApiPort in the settings file.',
    };
  }

  const phases = () => engine.getState().sessions.map((s) => s.phase);
  const hasLiveSession = () => phases().some((p) => LIVE_PHASES.has(p));

  function getState(): AppState {
    const e = engine.getState();
    const s = loaded.settings;
    return {
      mode: demo ? 'demo' : 'live',
      service: { url: demo ? demo.serviceUrl : s.serviceUrl, demoCustomerUrl: demo?.customerUrl ?? null },
      connection: e.connection.state !== 'idle' || !reachable ? e.connection : idleConnection(reachable),
      source: e.source,
      interactions: e.interactions,
      selectedInteractionId: e.selectedInteractionId,
      sessions: e.sessions,
      agentView: e.agentView && { ...e.agentView, poppedOut: hooks.agentViewPoppedOut?.() ?? false },
      settings: {
        serviceUrl: s.serviceUrl,
        origin: s.origin,
        stickiness: s.stickiness,
        transport: s.transport,
        agentName: s.agentName,
        debug: s.debug,
        alwaysOnTop: s.alwaysOnTop,
        locked: loaded.locked,
      },
      lastError,
      update: hooks.updateView?.(phases()) ?? initialUpdateView(false),
    };
  }

  async function join(raw: string, interactionId: string | null | undefined, via: 'typed' | 'deep-link') {
    const token = normaliseSessionId(raw) ?? raw.trim();
    log.info('join requested', { via, token: maskTokensIn(token) });
    lastError = null;
    const sessionId = await engine.join(token, {
      via,
      ...(interactionId !== undefined ? { interactionId } : {}),
    });
    return { sessionId };
  }

  async function updateSettings(patch: SettingsPatch) {
    const touchesConnection = CONNECTION_KEYS.some(
      (k) => k in patch && patch[k as keyof SettingsPatch] !== loaded.settings[k],
    );
    if (touchesConnection && hasLiveSession())
      throw new RequestRefused({
        code: 'session-live',
        message: 'Connection settings cannot change during a co-browse session.',
        action: 'End the session (Exit or Stop), then save again.',
      });
    const saved = await saveUserSettings(opts.settings, patch);
    if (!saved.ok) throw new RequestRefused({ code: 'settings-invalid', message: saved.error });
    loaded = saved;
    if (touchesConnection) await applyService(loaded.settings);
    hooks.settingsChanged?.(loaded.settings);
    changed();
    return getState().settings;
  }

  const dispatch = createDispatcher(
    {
      ready: () => getState(),
      join: ({ token, interactionId }) => join(token, interactionId, 'typed'),
      exit: async ({ sessionId }) => (await withSession(() => engine.exit(sessionId)), null),
      stop: async ({ sessionId }) => (await withSession(() => engine.stop(sessionId)), null),
      selectInteraction: ({ interactionId }) => {
        try {
          engine.selectInteraction(interactionId);
        } catch {
          throw new RequestRefused({
            code: 'unknown-interaction',
            message: 'That interaction is no longer known.',
            action: 'Pick one from the list.',
          });
        }
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
      restartToUpdate: () => {
        const decision = hooks.restartToUpdate?.(phases()) ?? { ok: false, reason: 'No update is waiting.' };
        if (!decision.ok) throw new RequestRefused({ code: 'update-refused', message: decision.reason });
        return null;
      },
      copyDiagnostics: async () => ({ text: (await hooks.copyDiagnostics?.()) ?? null }),
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
      void join(sid, undefined, 'deep-link');
    },
    showError(error) {
      lastError = error;
      changed();
    },
    refresh: changed,
    localApi: () => ({ url: source.url, tokenFile }),
    settings: () => loaded,
    async close() {
      clearInterval(probeTimer);
      listeners.clear();
      await engine.close();
      await controller.close();
      await demo?.stop();
    },
  };
}

const PROBE_INTERVAL_MS = 15_000;

function idleConnection(probe: ProbeResult): AppState['connection'] {
  return probe.ok
    ? { state: 'idle', detail: 'Co-browse service reachable' }
    : { state: 'lost', detail: `Co-browse service unreachable: ${probe.detail}` };
}

async function withSession(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (err instanceof RangeError)
      throw new RequestRefused({ code: 'unknown-session', message: 'That co-browse session is not known.' });
    throw err;
  }
}

function settingsProblem(problems: string[]): AppError | null {
  if (problems.length === 0) return null;
  return {
    code: 'settings-problem',
    message: `Some settings could not be used: ${problems.join(' · ')}`,
    action: 'The app runs with safe defaults for those; fix the settings file or ask your administrator.',
  };
}
