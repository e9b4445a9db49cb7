// The one HTTP client of core: keep-alive agents (so a join reuses warm connections instead of paying TCP and
// TLS setup), the route and trust of the network layer (proxy, OS store), requests that can always be aborted.
import http from 'node:http';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { ProxyRoute } from './proxy-rules';
import { describeRoute } from './proxy-rules';
import { RouteRefused, type Network, type Route } from './network';

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A request that never reached an HTTP answer from the service: `code` is Node's (ECONNREFUSED, ENOTFOUND,
 * CERT_HAS_EXPIRED, …) or the network layer's: PROXY_UNREACHABLE, PROXY_AUTH (the proxy answered 407),
 * PROXY_REFUSED (any other answer to CONNECT), PLAIN_HTTP_REFUSED.
 */
export class NetworkFailure extends Error {
  constructor(
    readonly host: string,
    readonly code: string,
    message: string,
    readonly via: {
      /** The proxy on the route, as diagnostics show it (credentials masked). */
      proxy?: string;
      /** The proxy's answer to CONNECT (PROXY_AUTH, PROXY_REFUSED). */
      proxyStatus?: number;
      /** The system's code when the proxy could not be reached (ECONNREFUSED…). */
      systemCode?: string;
    } = {},
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method: 'GET' | 'POST';
  headers?: Record<string, string | undefined>;
  body?: string;
}

export interface PendingRequest {
  abort(): void;
}

const MAX_BODY = 1024 * 1024;

type Done = (err: NetworkFailure | null, reply?: HttpReply) => void;

export class HttpClient {
  constructor(readonly network: Network) {}

  /** The route for `url` decided by an earlier request (a WebSocket upgrade then reuses a warm socket). */
  routeFor(url: string): Route | undefined {
    return this.network.routeNow(url);
  }

  /** Callback style for the CometD transport (which needs abort and a synchronous return). */
  send(url: string, opts: RequestOptions, done: Done): PendingRequest {
    const target = new URL(url);
    let finished = false;
    let aborted = false;
    let inner: PendingRequest | undefined;
    const finish: Done = (err, reply) => {
      if (finished) return;
      finished = true;
      done(
        aborted ? new NetworkFailure(target.host, 'ABORTED', `request to ${target.host} aborted`) : err,
        reply,
      );
    };
    const known = this.network.routeNow(url);
    if (known) inner = issue(target, opts, known, finish);
    else
      this.network.route(url).then(
        (route) => {
          if (!aborted) inner = issue(target, opts, route, finish);
        },
        (e: Error) => finish(refusal(target.host, e)),
      );
    return {
      abort: () => {
        if (finished || aborted) return;
        aborted = true;
        inner?.abort();
        // Like a browser XHR, report the abort asynchronously, never from inside abort().
        setImmediate(() => finish(null));
      },
    };
  }

  /** Promise style for REST: rejects with NetworkFailure; `signal` aborts. */
  request(url: string, opts: RequestOptions, signal?: AbortSignal): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      const pending = this.send(url, opts, (err, reply) => {
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(reply!);
      });
      const onAbort = () => pending.abort();
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function refusal(host: string, e: Error): NetworkFailure {
  if (e instanceof RouteRefused) return new NetworkFailure(host, e.code, e.message);
  return new NetworkFailure(host, 'ROUTE_UNDECIDED', `${host}: no route: ${e.message}`);
}

/** One request on a decided route; failures name the proxy when the proxy, not the service, failed. */
function issue(target: URL, opts: RequestOptions, route: Route, finish: Done): PendingRequest {
  const secure = target.protocol === 'https:';
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined) headers[k] = v;
  if (opts.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(opts.body));
  const watch = watchProxy(target.host, route.route);
  const options = { method: opts.method, headers, agent: route.agent, secureContext: route.secureContext };
  const req = (secure ? https : http).request(target, options as https.RequestOptions, (res) => {
    const failed = watch.answered(res.statusCode ?? 0);
    if (failed) {
      res.resume();
      finish(failed);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('reply larger than 1 MiB'));
      else chunks.push(c);
    });
    res.on('end', () =>
      finish(null, {
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
    res.on('error', (e) => finish(watch.failed(e)));
  });
  req.on('proxyConnect', (connect: { statusCode: number }) => watch.connected(connect.statusCode));
  req.on('error', (e) => finish(watch.failed(e)));
  req.end(opts.body);
  return { abort: () => req.destroy() };
}

/**
 * Tells the proxy's failures from the service's. Through a tunnel the proxy answers CONNECT first (the agent
 * emits `proxyConnect`): a non-200 there is the proxy's; a socket error before any answer means the proxy
 * was not reached. Through an absolute-URI request (plain http) only a 407 is surely the proxy's.
 */
export function watchProxy(host: string, route: ProxyRoute) {
  const proxy = route.kind === 'proxy' ? describeRoute(route) : undefined;
  let connectStatus: number | undefined;
  const proxyFailure = (status: number) =>
    new NetworkFailure(
      host,
      status === 407 ? 'PROXY_AUTH' : 'PROXY_REFUSED',
      status === 407
        ? `the proxy ${proxy} wants credentials (HTTP 407)`
        : `the proxy ${proxy} refused ${host} (HTTP ${status})`,
      { ...(proxy ? { proxy } : {}), proxyStatus: status },
    );
  return {
    connected(status: number) {
      connectStatus = status;
    },
    /** The answer's status: a failure when it is the proxy's, not the service's. */
    answered(status: number): NetworkFailure | undefined {
      if (!proxy) return undefined;
      if (connectStatus !== undefined && connectStatus !== 200) return proxyFailure(connectStatus);
      return connectStatus === undefined && status === 407 ? proxyFailure(407) : undefined;
    },
    failed(e: Error & { code?: string }): NetworkFailure {
      if (proxy && connectStatus === undefined && isSocketError(e.code))
        return new NetworkFailure(
          host,
          'PROXY_UNREACHABLE',
          `the proxy ${proxy} cannot be reached: ${e.code}`,
          { proxy, systemCode: e.code! },
        );
      if (proxy && connectStatus !== undefined && connectStatus !== 200) return proxyFailure(connectStatus);
      return toFailure(host, e, proxy);
    },
  };
}

const isSocketError = (code: string | undefined): boolean =>
  !!code && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET)$/.test(code);

function toFailure(host: string, e: Error & { code?: string }, proxy?: string): NetworkFailure {
  return new NetworkFailure(host, e.code ?? 'ERROR', `${host}: ${e.message}`, proxy ? { proxy } : {});
}
