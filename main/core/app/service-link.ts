// The app's link to the Co-browse service: the controller for the configured service (or the embedded demo
// when none is set), swapped as a whole when connection settings change, and what keeps the indicator honest
// between sessions. Loss is seen from the connection (the controller holds one idle connection, which a
// service that goes away closes, resets or refuses), recovery from that connection opening again, confirmed
// by a health check; a slow health check every 30 s, only while no session is live (a live session's
// long-poll watches its node), catches what the connection cannot: a service that accepts but does not answer.
import type { AppState, CobrowseSessionView } from '../../../common/contract';
import {
  createController,
  type Controller,
  type LinkState,
  type ProbeResult,
  type SessionOwner,
} from '../controller';
import type { EmbeddedDemo, StartDemo } from './demo';
import type { Logger } from '../../../common/logger';
import { ConnectionSettings, isDemoMode, type Settings } from '../../../common/settings-schema';

/** 2 requests a minute per idle app (the budget: 3). */
export const PROBE_INTERVAL_MS = 30_000;

export interface ServiceLink {
  /**
   * Forwards to the current controller: the engine keeps this one for its whole life. Its joins count the
   * live sessions (no health check while one is) and tell `onOwner` of each session's node.
   */
  readonly controller: Controller;
  demo(): EmbeddedDemo | null;
  /** The indicator: the live sessions' connection, or between sessions whether the service answers. */
  connection(sessions: AppState['connection']): AppState['connection'];
  /** Joins that failed because the service could not be reached lose that alert once it answers again. */
  withoutStaleAlerts(sessions: CobrowseSessionView[]): CobrowseSessionView[];
  /** New connection settings; starts or stops the embedded demo as needed. */
  apply(settings: Settings): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceLinkOptions {
  startDemo: StartDemo;
  /** The state changed (the service answers again, or stopped answering). */
  changed: () => void;
  /** Told of every join's owning node, before the join completes (the host warms its way there). */
  onOwner?: ((owner: SessionOwner) => void) | undefined;
}

export async function startServiceLink(
  settings: Settings,
  log: Logger,
  { startDemo, changed, onOwner }: ServiceLinkOptions,
): Promise<ServiceLink> {
  let demo: EmbeddedDemo | null = null;
  let controller: Controller | undefined;
  let unwatch = () => {};
  let reachable: ProbeResult | null = null;
  /** When the service last came back (or was first seen) answering. */
  let answeringSince = 0;
  let liveSessions = 0;
  const current = () => {
    if (!controller) throw new Error('service link not started');
    return controller;
  };

  const settle = (result: ProbeResult) => {
    const before = JSON.stringify(reachable);
    if (result.ok && !reachable?.ok) answeringSince = Date.now();
    reachable = result;
    if (JSON.stringify(result) !== before) changed();
  };

  async function probe(): Promise<void> {
    const probed = current();
    const result = await probed.probe();
    if (probed === controller) settle(result); // else the service changed meanwhile
  }

  const onLink = (watched: Controller) => (state: LinkState) => {
    if (watched !== controller) return;
    if (state.up)
      void probe(); // the port answers again: is the service itself back?
    else settle({ ok: false, detail: state.detail });
  };

  async function apply(s: Settings): Promise<void> {
    if (isDemoMode(s) && !demo) demo = await startDemo(log, s.source);
    else if (!isDemoMode(s) && demo) {
      await demo.stop();
      demo = null;
    }
    demo?.setChatSource(s.source);
    const old = controller;
    unwatch();
    const next = createController({
      ...ConnectionSettings.parse(s),
      serviceUrl: demo ? demo.serviceUrl : s.serviceUrl,
      logger: log,
    });
    controller = next;
    await old?.close();
    reachable = null;
    unwatch = next.watch(onLink(next));
  }

  await apply(settings);
  const timer = setInterval(() => {
    if (liveSessions === 0) void probe();
  }, PROBE_INTERVAL_MS);
  timer.unref();

  return {
    controller: {
      async join(token, options) {
        let open = true;
        const session = await current().join(token, {
          onOwner,
          ...options,
          onEvent: (e) => {
            if (open && e.type === 'connection' && e.state === 'closed') {
              open = false;
              liveSessions--;
            }
            options.onEvent(e);
          },
        });
        liveSessions++;
        return session;
      },
      probe: () => current().probe(),
      watch: (onChange) => current().watch(onChange),
      close: () => current().close(),
    },
    demo: () => demo,
    connection(sessions) {
      if (sessions.state !== 'idle' || !reachable) return sessions;
      return reachable.ok
        ? { state: 'idle', detail: { code: 'service-reachable' } }
        : { state: 'lost', detail: reachable.detail };
    },
    withoutStaleAlerts(sessions) {
      if (!reachable?.ok) return sessions;
      return sessions.map((s) =>
        s.error?.code === 'unreachable' && s.endedAt !== null && s.endedAt <= answeringSince
          ? { ...s, error: null }
          : s,
      );
    },
    apply,
    async close() {
      clearInterval(timer);
      unwatch();
      await controller?.close();
      await demo?.stop();
    },
  };
}
