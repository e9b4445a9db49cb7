// The network layer every outbound connection goes through (Controller REST, long-polling and WebSocket,
// Workspace REST and CometD, sign-in, the web edition's agent proxy): the proxy and the trust are decided here,
// once, and handed to core as a port. Hosts differ only in the system proxy resolver they pass (the desktop:
// Chromium's, through Electron's session.resolveProxy; elsewhere the environment's HTTPS_PROXY/NO_PROXY).
import type http from 'node:http';
import type tls from 'node:tls';
import { createAgentPool, newAgent } from './agent-pool';
import { loadPac, type PacResolver } from './pac';
import {
  describeRoute,
  environmentRoute,
  isLoopback,
  readProxySetting,
  routeFromPac,
  type ProxyRoute,
  type ProxySetting,
} from './proxy-rules';
import { buildTrust, describeTrust, type Trust } from './trust';

/** The host's system proxy, as a PAC answer (`PROXY host:port; DIRECT`): Electron's session.resolveProxy. */
export type SystemProxyResolver = (url: string) => Promise<string>;

/** The settings the network is built from (each defined in common/settings-schema.ts). */
export interface NetworkSettings {
  /** `system`, `direct`, `http://host:port` or a PAC script's URL. */
  proxy: string;
  /** '' → none. */
  extraCaFile: string;
  /** Plain http to a host other than loopback (the managed file only). */
  allowPlainHttp: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

export interface NetworkOptions extends NetworkSettings {
  resolveSystemProxy?: SystemProxyResolver | undefined;
  env?: Env;
}

/** What to spread into `http(s).request` or `new WebSocket` options for one URL. */
export interface Route {
  agent: http.Agent;
  secureContext: tls.SecureContext;
  route: ProxyRoute;
}

/** A connection refused before it started (plain http), or a route that could not be decided (PAC). */
export class RouteRefused extends Error {
  constructor(
    readonly code: 'PLAIN_HTTP_REFUSED',
    readonly host: string,
  ) {
    super(`plain http to ${host} is not allowed: ask the administrator for https (or allowPlainHttp)`);
  }
}

export interface NetworkDiagnostics {
  setting: string;
  /** The route of each origin asked for since the last reset, credentials masked. */
  routes: Record<string, string>;
  trust: string;
}

export interface Network {
  /** The trust of the current settings. */
  readonly trust: Trust;
  /** How `url` is reached (http, https, ws, wss); decided per origin until reset(). */
  route(url: string): Promise<Route>;
  /** A new agent of its own on `url`'s route, for a caller that pins connections (it destroys the agent). */
  ownAgent(url: string): Promise<Route>;
  /** The route already decided for `url`'s origin (by route()), for callers that must stay synchronous. */
  routeNow(url: string): Route | undefined;
  /** New settings: trust rebuilt, routes decided again. */
  configure(settings: NetworkSettings): void;
  /**
   * The network changed or the machine resumed: routes are decided again, pooled sockets dropped and every
   * long-lived connection registered with `onReset` closed, so each is checked on a fresh connection now.
   */
  reset(): void;
  /** `close` runs on every reset (a WebSocket registers its terminate); returns the unregister function. */
  onReset(close: () => void): () => void;
  describe(): NetworkDiagnostics;
  close(): void;
}

/** The settings in force, read once: the trust built and the proxy setting parsed. */
interface Config {
  settings: NetworkSettings;
  trust: Trust;
  setting: ProxySetting;
}
const configOf = (settings: NetworkSettings, env: Env): Config => ({
  settings,
  trust: buildTrust(settings.extraCaFile, env),
  setting: readProxySetting(settings.proxy),
});

const refused = (target: URL, { settings }: Config): boolean =>
  /^(http|ws):$/.test(target.protocol) && !settings.allowPlainHttp && !isLoopback(target.hostname);
// One decision per origin; a WebSocket shares its https (or http) twin's.
const originOf = (target: URL): string => `${target.protocol.replace(/^ws/, 'http')}//${target.host}`;

export function createNetwork(o: NetworkOptions): Network {
  const env = o.env ?? process.env;
  let config = configOf(o, env);
  let pac: Promise<PacResolver> | undefined;
  const agents = createAgentPool();
  const routes = new Map<string, ProxyRoute>();
  const resets = new Set<() => void>();

  const decide = async (target: URL): Promise<ProxyRoute> => {
    if (isLoopback(target.hostname)) return { kind: 'direct', origin: 'loopback' };
    const { setting, trust } = config;
    const loadScript = () => (pac ??= loadPac((setting as { script: URL }).script, trust.ca));
    return decideBySetting(setting, target, env, o.resolveSystemProxy, loadScript);
  };
  const routeOf = (target: URL, route: ProxyRoute): Route => ({
    agent: agents.agentFor(target, route),
    secureContext: config.trust.context,
    route,
  });
  const forget = () => {
    routes.clear();
    pac = undefined;
    agents.clear();
  };

  const network: Network = {
    get trust() {
      return config.trust;
    },
    async route(url) {
      const target = new URL(url);
      if (refused(target, config)) throw new RouteRefused('PLAIN_HTTP_REFUSED', target.host);
      const key = originOf(target);
      let route = routes.get(key);
      if (!route) {
        route = await decide(target);
        routes.set(key, route);
      }
      return routeOf(target, route);
    },
    async ownAgent(url) {
      const { route } = await network.route(url);
      return { agent: newAgent(new URL(url), route), secureContext: config.trust.context, route };
    },
    routeNow(url) {
      const target = new URL(url);
      if (refused(target, config)) return undefined; // route() says why
      const route = routes.get(originOf(target));
      return route && routeOf(target, route);
    },
    configure(next) {
      config = configOf(next, env);
      forget();
    },
    reset() {
      forget();
      for (const close of [...resets]) close();
    },
    onReset(close) {
      resets.add(close);
      return () => resets.delete(close);
    },
    describe: () => ({
      setting: config.settings.proxy,
      routes: Object.fromEntries([...routes].map(([k, r]) => [k, describeRoute(r)])),
      trust: describeTrust(config.trust),
    }),
    close: forget,
  };
  return network;
}

async function decideBySetting(
  setting: ProxySetting,
  target: URL,
  env: Env,
  system: SystemProxyResolver | undefined,
  pac: () => Promise<PacResolver>,
): Promise<ProxyRoute> {
  switch (setting.kind) {
    case 'direct':
      return { kind: 'direct', origin: 'setting' };
    case 'fixed':
      return { kind: 'proxy', proxy: setting.proxy, origin: 'setting' };
    case 'pac':
      return withEnvCredentials(routeFromPac(await (await pac())(httpForm(target)), 'pac'), target, env);
    case 'system':
      return system
        ? withEnvCredentials(routeFromPac(await system(httpForm(target)), 'system'), target, env)
        : environmentRoute(target, env);
  }
}

/** PAC scripts and Chromium are asked about http(s) URLs: a WebSocket goes where its https twin goes. */
const httpForm = (target: URL): string => target.href.replace(/^ws/, 'http');

/**
 * A PAC answer (the system's or the script's) names a proxy without credentials; when the environment names the same proxy with
 * `user:password@`, those are used (Basic). Chromium's own NTLM/Negotiate stays with Chromium's requests.
 */
function withEnvCredentials(
  route: ProxyRoute,
  target: URL,
  env: Env,
): ProxyRoute {
  if (route.kind !== 'proxy') return route;
  const fromEnv = environmentRoute(target, env);
  if (fromEnv.kind === 'proxy' && fromEnv.proxy.host === route.proxy.host && fromEnv.proxy.username) {
    const proxy = new URL(route.proxy.href);
    proxy.username = fromEnv.proxy.username;
    proxy.password = fromEnv.proxy.password;
    return { ...route, proxy };
  }
  return route;
}
