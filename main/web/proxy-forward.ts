// The agent proxy's forwarding of one resolved request to the route's owner node: HTTP requests (served
// from the warm cache when warmed) and WebSocket upgrades, with the route's header and cookie rules both ways.
import {
  STATUS_CODES,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { RequestOptions } from 'node:https';
import type { Logger } from '../../common/logger';
import type { Route as NetRoute } from '../core/net/network';
import { requestTo, type AgentPool } from './agent-pool';
import { scopedSetCookie, upstreamCookies } from './proxy-rules';
import type { WarmCache } from './warm-cache';

export interface Route {
  /** The owning node's origin, `<scheme>://<host>:<port>`. */
  owner: string;
  /** `gcbSessionServer=<node>` in cookie mode, else null. */
  cookie: string | null;
  /** Names of the cookies the node set through this route: the only ones sent back to it. */
  nodeCookies: Set<string>;
}

/** A request resolved to its route: the proxy's path prefix of the route, and the owner's URL. */
export interface Found {
  route: Route;
  prefix: string;
  target: URL;
}

const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
];
// At most this many learnt cookie names per route (our choice): a hostile node cannot grow the proxy's memory.
const MAX_NODE_COOKIES = 32;

export const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' };

export class Forwarder {
  constructor(private readonly deps: { log: Logger; origin: string; pool: AgentPool; warm: WarmCache }) {}

  forward(req: IncomingMessage, res: ServerResponse, found: Found): void {
    const { route, target } = found;
    const early = req.method === 'GET' ? this.deps.warm.take(route.owner, route.cookie, target) : undefined;
    if (early)
      return void early.then((f) => {
        if (!f) return this.fetchNow(req, res, found);
        const headers = this.headersBack(f.headers, found);
        headers['content-length'] = f.body.length;
        res.writeHead(f.status, headers).end(f.body);
      });
    this.fetchNow(req, res, found);
  }

  /** A WebSocket upgrade: the same target and cookie rules, then the two sockets piped together. */
  tunnel(req: IncomingMessage, socket: Socket, head: Buffer, found: Found): void {
    const { target } = found;
    const headers = {
      ...this.headersFor(req, found),
      connection: 'Upgrade',
      upgrade: req.headers.upgrade ?? '',
    };
    void this.deps.pool.agentFor(found.route.owner, found.route.cookie).then(
      (via) => {
        const options = { method: req.method, headers, agent: via.agent, secureContext: via.secureContext };
        this.upgrade(socket, head, found, requestTo(target)(target, options as RequestOptions));
      },
      (err: Error) =>
        refuseUpgrade(socket, 502, `The co-browse server ${target.origin} cannot be reached: ${err.message}`),
    );
  }

  private upgrade(socket: Socket, head: Buffer, found: Found, upstream: ClientRequest): void {
    const { target } = found;
    upstream.on('upgrade', (answer, upSocket: Duplex, upHead: Buffer) => {
      socket.write(statusBlock(answer, this.headersBack(answer.headers, found, ['connection', 'upgrade'])));
      if (upHead.length > 0) socket.write(upHead);
      if (head.length > 0) upSocket.write(head);
      upSocket.pipe(socket).pipe(upSocket);
      const close = () => (upSocket.destroy(), socket.destroy());
      upSocket.on('error', close);
      socket.on('error', close);
      upSocket.on('close', close);
      socket.on('close', close);
    });
    upstream.on('response', (answer) => {
      // The owner declined the upgrade: pass its answer on (the nodes refuse WebSockets with 400).
      socket.write(statusBlock(answer, this.headersBack(answer.headers, found)));
      answer.pipe(socket);
    });
    upstream.on('error', (err) => {
      this.deps.log.warn('agent page proxy: owner unreachable', { owner: target.origin, error: err.message });
      refuseUpgrade(socket, 502, `The co-browse server ${target.origin} cannot be reached.`);
    });
    socket.on('error', () => upstream.destroy());
    upstream.end();
  }

  private fetchNow(req: IncomingMessage, res: ServerResponse, found: Found): void {
    const { target, route } = found;
    void this.deps.pool.agentFor(route.owner, route.cookie).then(
      (via) => this.fetchVia(req, res, found, via),
      (err: Error) =>
        res
          .writeHead(502, TEXT)
          .end(`The co-browse server ${target.origin} cannot be reached: ${err.message}`),
    );
  }

  private fetchVia(req: IncomingMessage, res: ServerResponse, found: Found, via: NetRoute): void {
    const { target } = found;
    const upstream = requestTo(target)(
      target,
      {
        method: req.method,
        headers: this.headersFor(req, found),
        agent: via.agent,
        secureContext: via.secureContext,
      } as RequestOptions,
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, this.headersBack(answer.headers, found));
        answer.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      if (res.destroyed) return; // the page left first (below): nobody to answer, nothing unreachable
      this.deps.log.warn('agent page proxy: owner unreachable', { owner: target.origin, error: err.message });
      if (!res.headersSent)
        res.writeHead(502, TEXT).end(`The co-browse server ${target.origin} cannot be reached.`);
      else res.destroy();
    });
    // The page went away mid-request (a crashed browser): the node must see its held CometD connect close,
    // as it would without us, or the page's client (and the session's agent seat) outlives it by 30 s.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  /** The request headers for the owner: no hop-by-hop, no Host, only the node's cookies, its own Origin. */
  private headersFor(req: IncomingMessage, { route, prefix, target }: Found): OutgoingHttpHeaders {
    const { origin } = this.deps;
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined && !HOP_BY_HOP.includes(name) && !['host', 'cookie', 'referer'].includes(name))
        headers[name] = value;
    const cookie = upstreamCookies(req.headers.cookie, route.nodeCookies, route.cookie);
    if (cookie) headers.cookie = cookie;
    // The Co-browse Server checks the Origin (or Referer) of REST calls against its allow-list: present its own.
    if (headers.origin) headers.origin = target.origin;
    const referer = req.headers.referer;
    if (referer?.startsWith(`${origin}${prefix}/`))
      headers.referer = `${target.origin}${referer.slice(origin.length + prefix.length)}`;
    return headers;
  }

  /** The owner's response headers for the browser: no hop-by-hop, cookies kept inside the route. */
  private headersBack(answer: IncomingHttpHeaders, { route, prefix }: Found, keep: readonly string[] = []) {
    const out: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(answer)) {
      if (value === undefined || (HOP_BY_HOP.includes(name) && !keep.includes(name))) continue;
      if (name !== 'set-cookie') {
        out[name] = value;
        continue;
      }
      const scoped: string[] = [];
      for (const c of value as string[]) {
        const s = scopedSetCookie(c, prefix);
        if (!s) continue;
        if (route.nodeCookies.size < MAX_NODE_COOKIES) route.nodeCookies.add(s.name);
        scoped.push(s.header);
      }
      out[name] = scoped;
    }
    return out;
  }
}

export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = Buffer.from(message);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${message}`,
  );
}

function statusBlock(answer: IncomingMessage, headers: OutgoingHttpHeaders): string {
  const lines = [`HTTP/1.1 ${answer.statusCode ?? 502} ${answer.statusMessage ?? ''}`];
  for (const [name, value] of Object.entries(headers))
    for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${String(v)}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}
