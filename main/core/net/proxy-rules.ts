// How one URL is reached: the three conventions the network layer reads a proxy from (the `proxy` setting,
// the environment's HTTPS_PROXY/HTTP_PROXY/NO_PROXY, a PAC answer such as Chromium's resolveProxy gives),
// each turned into one ProxyRoute.

/** Where a route came from: shown in diagnostics beside the proxy. */
export type RouteOrigin = 'setting' | 'environment' | 'system' | 'pac' | 'loopback';

export type ProxyRoute =
  | { kind: 'direct'; origin: RouteOrigin }
  /** `proxy`: `http(s)://[user:password@]host:port` (credentials for Basic authentication). */
  | { kind: 'proxy'; proxy: URL; origin: RouteOrigin };

/** What the `proxy` setting says, read once. */
export type ProxySetting =
  { kind: 'system' } | { kind: 'direct' } | { kind: 'fixed'; proxy: URL } | { kind: 'pac'; script: URL };

/**
 * `system`, `direct`, `http://host:port` (a proxy: no path), or the URL of a PAC script (any URL with a path,
 * e.g. `http://wpad.corp/proxy.pac`). Our choice: the path tells them apart, so one setting holds either.
 */
export function readProxySetting(value: string): ProxySetting {
  if (value === 'system' || value === '') return { kind: 'system' };
  if (value === 'direct') return { kind: 'direct' };
  const url = new URL(value);
  return url.pathname === '/' && !url.search ? { kind: 'fixed', proxy: url } : { kind: 'pac', script: url };
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Loopback never goes through a proxy (as in Chromium): the demo simulator and local API live there. */
export const isLoopback = (host: string): boolean => LOOPBACK.test(host);

type Env = Readonly<Record<string, string | undefined>>;
const fromEnv = (env: Env, name: string): string | undefined =>
  env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;

const defaultPort = (protocol: string): string =>
  protocol === 'https:' || protocol === 'wss:' ? '443' : '80';

/**
 * NO_PROXY as curl reads it: entries separated by commas or spaces; `*` matches all; `example.com` and
 * `.example.com` match the host and its subdomains; `host:port` only that port.
 */
export function bypassed(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || defaultPort(target.protocol);
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const m = /^(.+?)(?::(\d+))?$/.exec(entry.toLowerCase().replace(/^\*/, ''))!;
      const name = m[1]!.replace(/^\./, '').replace(/^\[|\]$/g, '');
      if (m[2] && m[2] !== port) return false;
      return host === name || host.endsWith(`.${name}`);
    });
}

/** The environment's proxy for `target` (https/wss: HTTPS_PROXY, http/ws: HTTP_PROXY; either case). */
export function environmentRoute(target: URL, env: Env): ProxyRoute {
  const secure = target.protocol === 'https:' || target.protocol === 'wss:';
  const value = fromEnv(env, secure ? 'https_proxy' : 'http_proxy') ?? fromEnv(env, 'all_proxy');
  if (!value || bypassed(target, fromEnv(env, 'no_proxy'))) return { kind: 'direct', origin: 'environment' };
  // curl's convention: a bare `host:port` means http://host:port.
  const proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  return { kind: 'proxy', proxy, origin: 'environment' };
}

/**
 * A PAC answer (`PROXY a:3128; HTTPS b:443; DIRECT`), as FindProxyForURL and Electron's resolveProxy give it:
 * the first entry we can use. SOCKS entries are skipped (no SOCKS client here); nothing usable → direct.
 */
export function routeFromPac(answer: string, origin: RouteOrigin): ProxyRoute {
  for (const entry of answer.split(';')) {
    const [type, hostPort] = entry.trim().split(/\s+/);
    const kind = type?.toUpperCase();
    if (kind === 'DIRECT') return { kind: 'direct', origin };
    if ((kind === 'PROXY' || kind === 'HTTP') && hostPort)
      return { kind: 'proxy', proxy: new URL(`http://${hostPort}`), origin };
    if (kind === 'HTTPS' && hostPort) return { kind: 'proxy', proxy: new URL(`https://${hostPort}`), origin };
  }
  return { kind: 'direct', origin };
}

/** A proxy as diagnostics may show it: the password never, the user name masked. */
export function describeRoute(route: ProxyRoute): string {
  if (route.kind === 'direct') return `direct (${route.origin})`;
  const { protocol, host, username, password } = route.proxy;
  const auth = username || password ? `${username ? `${username.slice(0, 1)}***` : ''}:***@` : '';
  return `${protocol}//${auth}${host} (${route.origin})`;
}
