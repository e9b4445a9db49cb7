// The app's link to the Co-browse service: the controller for the configured service (or the embedded demo
// when none is set), swapped as a whole when connection settings change, and what keeps the indicator honest
// between sessions. Loss is seen from the connection (the controller holds one idle connection, which a
// service that goes away closes, resets or refuses), recovery from that connection opening again, confirmed
// by a check (any HTTP answer); a rare check (PROBE_INTERVAL_MS), only while no session is live (a live
// session's long-poll watches its node), catches what the connection cannot: a service that accepts but does
// not answer. A network change or resume (the host reports it) checks at once.
import type { AppState, CobrowseSessionView } from '../../../common/contract';
import { createController, type Controller, type LinkState, type SessionOwner } from '../controller';
import { countedController } from './counted-controller';
import type { EmbeddedDemo, StartDemo } from './demo';
import { createServiceReachability } from './service-reachability';
import type { Logger } from '../../../common/logger';
import { ConnectionSettings, isDemoMode, type Settings } from '../../../common/settings-schema';
import { createNetwork, type Network, type NetworkSettings, type SystemProxyResolver } from '../net/network';

const networkSettings = (s: Settings): NetworkSettings => ({
  proxy: s.proxy,
  extraCaFile: s.extraCaFile,
  allowPlainHttp: s.allowPlainHttp,
});

/**
 * An idle app's own check of the service: one request every 10 min (0.1 a minute; budget 0.2). The rest is
 * event-driven: at start, before each join (its get-session), on a network change or resume, and whenever
 * the held connection opens again after it failed.
 */
export const PROBE_INTERVAL_MS = 10 * 60_000;

export interface ServiceLink {
  /**
   * Forwards to the current controller: the engine keeps this one for its whole life. Its joins count the
   * live sessions (no idle check while one is) and tell `onOwner` of each session's node.
   */
  readonly controller: Controller;
  demo(): EmbeddedDemo | null;
  /** The indicator: the live sessions' connection, or between sessions whether the service answers. */
  connection(sessions: AppState['connection']): AppState['connection'];
  /** Joins that failed because the service could not be reached lose that alert once it answers again. */
  withoutStaleAlerts(sessions: CobrowseSessionView[]): CobrowseSessionView[];
  /** New connection settings; starts or stops the embedded demo as needed. */
  apply(settings: Settings): Promise<void>;
  /** The one network layer (proxy, trust) of every outbound connection, reconfigured by `apply`. */
  readonly network: Network;
  /** The machine resumed or its network changed: every connection is checked again now. */
  networkChanged(): void;
  close(): Promise<void>;
}

export interface ServiceLinkOptions {
  startDemo: StartDemo;
  /** The state changed (the service answers again, or stopped answering). */
  changed: () => void;
  /** Told of every join's owning node, before the join completes (the host warms its way there). */
  onOwner?: ((owner: SessionOwner) => void) | undefined;
  /** The host's system proxy resolver (the desktop: Chromium's). */
  resolveProxy?: SystemProxyResolver | undefined;
}

export async function startServiceLink(
  settings: Settings,
  log: Logger,
  { startDemo, changed, onOwner, resolveProxy }: ServiceLinkOptions,
): Promise<ServiceLink> {
  const network = createNetwork({ ...networkSettings(settings), resolveSystemProxy: resolveProxy });
  const reachability = createServiceReachability(changed);
  let demo: EmbeddedDemo | null = null;
  let controller: Controller | undefined;
  let unwatch = () => {};
  const current = () => {
    if (!controller) throw new Error('service link not started');
    return controller;
  };
  const counted = countedController(current, onOwner);

  async function probe(): Promise<void> {
    const probed = current();
    const result = await probed.probe();
    if (probed === controller) reachability.settle(result); // else the service changed meanwhile
  }

  const onLink = (watched: Controller) => (state: LinkState) => {
    if (watched !== controller) return;
    if (state.up)
      void probe(); // the port answers again: is the service itself back?
    else reachability.settle({ ok: false, detail: state.detail });
  };

  async function apply(s: Settings): Promise<void> {
    demo = await demoFor(s, demo, startDemo, log);
    const old = controller;
    unwatch();
    // Its sessions' sockets go before the network is reconfigured; the first time, the network was just made
    // from these settings (building the trust again would read the OS store twice at start).
    if (old) {
      await old.close();
      network.configure(networkSettings(s));
    }
    const next = createController({
      ...ConnectionSettings.parse(s),
      serviceUrl: demo ? demo.serviceUrl : s.serviceUrl,
      logger: log,
      network,
    });
    controller = next;
    reachability.forget();
    unwatch = next.watch(onLink(next));
  }

  await apply(settings);
  const stopIdleChecks = checkWhileIdle(probe, counted.liveSessions);

  return {
    controller: counted.controller,
    demo: () => demo,
    connection: reachability.connection,
    withoutStaleAlerts: reachability.withoutStaleAlerts,
    apply,
    network,
    networkChanged() {
      network.reset(); // live sessions reconnect on fresh connections or are declared lost
      void probe();
    },
    async close() {
      stopIdleChecks();
      unwatch();
      await controller?.close();
      network.close();
      await demo?.stop();
    },
  };
}

/** The embedded demo runs exactly while the settings name no service; it serves their chat source. */
async function demoFor(
  s: Settings,
  demo: EmbeddedDemo | null,
  startDemo: StartDemo,
  log: Logger,
): Promise<EmbeddedDemo | null> {
  if (isDemoMode(s) && !demo) demo = await startDemo(log, s.source);
  else if (!isDemoMode(s) && demo) {
    await demo.stop();
    demo = null;
  }
  demo?.setChatSource(s.source);
  return demo;
}

/** The rare check, skipped while a session is live; returns the function that stops it. */
function checkWhileIdle(probe: () => Promise<void>, liveSessions: () => number): () => void {
  const timer = setInterval(() => {
    if (liveSessions() === 0) void probe();
  }, PROBE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
