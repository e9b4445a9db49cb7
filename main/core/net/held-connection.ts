// One idle TCP (or TLS) connection held open to a service, sending nothing: the service going away closes,
// resets or refuses it, which is seen at once instead of at the next poll, and it costs the service no
// request. A connection the server closes (its idle timeout) is opened again at once; while connecting
// fails, retries back off from 250 ms to a 1 s cap, so a service that answers again is seen within ~1 s.
// Behind a proxy the connection is a CONNECT tunnel through it (one request to the proxy, none to the service).
import net from 'node:net';
import tls from 'node:tls';
import type { ConnectionDetail } from '../../../common/contract';
import { describeRoute, type ProxyRoute } from './proxy-rules';

export type LinkState = { up: true } | { up: false; detail: ConnectionDetail };

export interface HeldConnection {
  close(): void;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 1000;
/** A connection the server drops sooner than this is not a healthy one: retry with backoff, not at once. */
const SHORT_LIVED_MS = 1000;

export function holdConnection(
  url: string,
  opts: { route: ProxyRoute; secureContext: tls.SecureContext; connectTimeoutMs: number },
  onChange: (state: LinkState) => void,
): HeldConnection {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const port = Number(target.port) || (secure ? 443 : 80);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  let socket: net.Socket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let retryMs = FIRST_RETRY_MS;
  let closed = false;
  let last: boolean | undefined;
  const report = (state: LinkState) => {
    if (state.up === last) return;
    last = state.up;
    onChange(state);
  };

  const retryLater = (cause: string) => {
    report({ up: false, detail: { code: 'service-unreachable', params: { host: target.host, cause } } });
    timer = setTimeout(open, retryMs).unref();
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  /** Watches one connection (over `tunnel` when there is a proxy) until it closes, then opens the next. */
  const hold = (tunnel: net.Socket | undefined) => {
    if (closed) return void tunnel?.destroy();
    let openedAt = 0;
    let failure: string | undefined;
    const s = connect(host, port, secure ? opts.secureContext : undefined, tunnel);
    socket = s;
    s.unref(); // a liveness signal never keeps the process alive
    s.setTimeout(opts.connectTimeoutMs, () =>
      s.destroy(new Error(`no answer within ${opts.connectTimeoutMs} ms`)),
    );
    const opened = () => {
      openedAt = performance.now();
      s.setTimeout(0); // idle from now on, by design
      s.setKeepAlive(true);
      retryMs = FIRST_RETRY_MS;
      report({ up: true });
    };
    if (secure) s.once('secureConnect', opened);
    else if (tunnel) opened();
    else s.once('connect', opened);
    // Anything the server sends unasked is not for us; the connection stays a pure liveness signal.
    s.on('data', () => {});
    s.on('error', (e: Error & { code?: string }) => (failure = e.code ? `${e.code}` : e.message));
    s.on('close', () => {
      if (closed) return;
      const lived = openedAt ? performance.now() - openedAt : 0;
      if (!openedAt || failure) retryLater(failure ?? 'connection closed');
      else timer = setTimeout(open, lived < SHORT_LIVED_MS ? retryMs : 0).unref();
    });
  };

  const open = () => {
    if (closed) return;
    if (opts.route.kind === 'direct') return hold(undefined);
    throughProxy(opts.route, host, port, opts.connectTimeoutMs).then(hold, (e: Error & { code?: string }) => {
      if (!closed) retryLater(e.code ?? e.message);
    });
  };
  open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.destroy();
    },
  };
}

/** The connection to `host:port`: TLS when given a context, over `tunnel` when there is one. */
function connect(
  host: string,
  port: number,
  secureContext: tls.SecureContext | undefined,
  tunnel: net.Socket | undefined,
): net.Socket {
  if (!secureContext) return tunnel ?? net.connect({ host, port });
  return tls.connect({
    host,
    port,
    servername: net.isIP(host) ? '' : host,
    secureContext,
    ...(tunnel ? { socket: tunnel } : {}),
  });
}

/** A CONNECT tunnel to `host:port` through the route's proxy (Basic credentials when it has them). */
function throughProxy(
  route: Extract<ProxyRoute, { kind: 'proxy' }>,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<net.Socket> {
  const { proxy } = route;
  const proxyPort = Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80);
  const s: net.Socket =
    proxy.protocol === 'https:'
      ? tls.connect({ host: proxy.hostname, port: proxyPort, servername: proxy.hostname })
      : net.connect({ host: proxy.hostname, port: proxyPort });
  s.unref();
  const target = net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
  const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  const auth = proxy.username ? `Proxy-Authorization: Basic ${Buffer.from(user).toString('base64')}\r\n` : '';
  s.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`);
  return new Promise((resolve, reject) => {
    let head = '';
    const fail = (code: string) => {
      s.destroy();
      reject(Object.assign(new Error(`${describeRoute(route)}: ${code}`), { code }));
    };
    s.setTimeout(timeoutMs, () => fail('PROXY_SILENT'));
    s.on('error', (e: Error & { code?: string }) => fail(`PROXY_UNREACHABLE ${e.code ?? e.message}`));
    s.on('close', () => fail('PROXY_CLOSED'));
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      s.off('data', onData);
      s.removeAllListeners('close').removeAllListeners('error').setTimeout(0);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      if (status === 200) resolve(s);
      else fail(`PROXY_${status}`);
    };
    s.on('data', onData);
  });
}
