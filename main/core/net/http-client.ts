// The controller's one HTTP client: keep-alive agents (so a join reuses warm connections instead of paying TCP
// and TLS setup), the system's CAs plus an optional enterprise CA, and requests that can always be aborted.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { IncomingHttpHeaders } from 'node:http';

/** The CA list for https: Node's bundled roots plus the extra PEM (enterprise deployments use private CAs). */
export function caBundle(extraPem: string | undefined): string[] | undefined {
  if (!extraPem?.trim()) return undefined; // undefined keeps Node's defaults
  if (!extraPem.includes('-----BEGIN CERTIFICATE-----'))
    throw new Error('the extra CA file holds no PEM certificate (expected "-----BEGIN CERTIFICATE-----")');
  return [...tls.rootCertificates, extraPem];
}

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request that never reached an HTTP answer: `code` is Node's (ECONNREFUSED, ENOTFOUND, CERT_…). */
export class NetworkFailure extends Error {
  constructor(
    readonly host: string,
    readonly code: string,
    message: string,
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

export class HttpClient {
  readonly #http: http.Agent;
  readonly #https: https.Agent;
  readonly ca: string[] | undefined;

  constructor(opts: { ca?: string[] } = {}) {
    this.ca = opts.ca;
    // keepAlive: sockets stay open between requests; several sockets because a session holds one long-poll
    // while publishing on another.
    this.#http = new http.Agent({ keepAlive: true, keepAliveMsecs: 10_000 });
    this.#https = new https.Agent({
      keepAlive: true,
      keepAliveMsecs: 10_000,
      ...(opts.ca ? { ca: opts.ca } : {}),
    });
  }

  /** The keep-alive agent for `url` (http/ws or https/wss): a WebSocket upgrade then reuses a warm socket. */
  agentFor(url: string): http.Agent {
    return /^(https|wss):/.test(url) ? this.#https : this.#http;
  }

  /** Callback style for the CometD transport (which needs abort and a synchronous return). */
  send(
    url: string,
    opts: RequestOptions,
    done: (err: NetworkFailure | null, reply?: HttpReply) => void,
  ): PendingRequest {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined) headers[k] = v;
    if (opts.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(opts.body));
    let finished = false;
    let aborted = false;
    const abortedFailure = () =>
      new NetworkFailure(target.host, 'ABORTED', `request to ${target.host} aborted`);
    const finish = (err: NetworkFailure | null, reply?: HttpReply) => {
      if (finished) return;
      finished = true;
      done(err, reply);
    };
    const req = (secure ? https : http).request(
      target,
      { method: opts.method, headers, agent: secure ? this.#https : this.#http },
      (res) => {
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
        res.on('error', (e) => finish(aborted ? abortedFailure() : toFailure(target.host, e)));
      },
    );
    req.on('error', (e) => finish(aborted ? abortedFailure() : toFailure(target.host, e)));
    req.end(opts.body);
    return {
      abort: () => {
        if (finished || aborted) return;
        aborted = true;
        req.destroy();
        // Like a browser XHR, report the abort asynchronously, never from inside abort().
        setImmediate(() => finish(abortedFailure()));
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

  close(): void {
    this.#http.destroy();
    this.#https.destroy();
  }
}

function toFailure(host: string, e: Error & { code?: string }): NetworkFailure {
  return new NetworkFailure(host, e.code ?? 'ERROR', `${host}: ${e.message}`);
}
