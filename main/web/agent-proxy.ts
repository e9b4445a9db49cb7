// The web edition's agent page runs in an iframe, so it cannot carry the `gcbSessionServer` cookie the way
// the desktop's session partition does. This proxy, on its own loopback port (its own origin: the agent
// page can never script the sidebar), forwards `/a/<key>/cobrowse/...` to the session's owning node and adds
// the stickiness cookie to every request, CometD long-polls and WebSocket upgrades included. The key is
// random per agent view, so nothing else on the machine can ride on a session by guessing a path, and it is
// not the session token. The agent page's own script knows the key, so the proxy trusts no path and no
// cookie it is given: it only ever reaches the route's owner (proxy-rules.ts) with the node's own cookies.
import { randomBytes } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  STATUS_CODES,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AppState } from '../../common/contract';
import type { Logger } from '../../common/logger';
import { RefusedPath, scopedSetCookie, upstreamCookies, upstreamTarget } from './proxy-rules';
import { RUN_COOKIE } from './run-key';
import { refusalLog } from '../core/net/flood-guard';

type AgentView = NonNullable<AppState['agentView']>;
interface Route {
  /** The owning node's origin, `<scheme>://<host>:<port>`. */
  owner: string;
  /** `gcbSessionServer=<node>` in cookie mode, else null. */
  cookie: string | null;
  /** Names of the cookies the node set through this route: the only ones sent back to it. */
  nodeCookies: Set<string>;
}

export interface AgentProxy {
  /** The proxy's origin, for the sidebar's CSP frame-src. */
  readonly origin: string;
  /** The iframe URL for the agent view, registering its route. */
  expose(view: AgentView): string;
  /** Routes of sessions no longer shown are dropped. */
  retain(sessionIds: readonly string[]): void;
  close(): Promise<void>;
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
// Our own cookie names, which the node may neither set through the proxy nor receive.
const RESERVED = new Set([RUN_COOKIE]);
// At most this many learnt cookie names per route (our choice): a hostile node cannot grow the proxy's memory.
const MAX_NODE_COOKIES = 32;

export async function startAgentProxy(log: Logger): Promise<AgentProxy> {
  const routes = new Map<string, Route>();
  const keys = new Map<string, string>(); // sessionId → key
  // The agent page's own script can send refused paths as fast as it likes: logged at a rate.
  const pathRefused = refusalLog(log, 'agent page proxy: path refused');

  const server: Server = createServer((req, res) => {
    const found = resolve(req);
    if ('refused' in found) return void res.writeHead(found.status, TEXT).end(found.refused);
    forward(req, res, found);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const found = resolve(req);
    if ('refused' in found) return refuseUpgrade(socket, found.status, found.refused);
    tunnel(req, socket, head, found);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((done, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => done());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  interface Found {
    route: Route;
    prefix: string;
    target: URL;
  }
  function resolve(req: IncomingMessage): Found | { status: number; refused: string } {
    const m = /^\/a\/([0-9a-f]{32})(\/.*)$/.exec(req.url ?? '');
    const route = m ? routes.get(m[1]!) : undefined;
    if (!m || !route) return { status: 404, refused: 'no such agent view' };
    try {
      return { route, prefix: `/a/${m[1]}`, target: upstreamTarget(m[2]!, route.owner) };
    } catch (err) {
      if (!(err instanceof RefusedPath)) throw err;
      pathRefused({ reason: err.message });
      return { status: 400, refused: err.message };
    }
  }

  /** The request headers for the owner: no hop-by-hop, no Host, only the node's cookies, its own Origin. */
  function headersFor(req: IncomingMessage, { route, prefix, target }: Found): OutgoingHttpHeaders {
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
  function headersBack(answer: IncomingHttpHeaders, { route, prefix }: Found, keep: readonly string[] = []) {
    const out: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(answer)) {
      if (value === undefined || (HOP_BY_HOP.includes(name) && !keep.includes(name))) continue;
      if (name !== 'set-cookie') {
        out[name] = value;
        continue;
      }
      const scoped: string[] = [];
      for (const c of value as string[]) {
        const s = scopedSetCookie(c, prefix, RESERVED);
        if (!s) {
          log.warn('agent page proxy: the node tried to set a reserved cookie; dropped');
          continue;
        }
        if (route.nodeCookies.size < MAX_NODE_COOKIES) route.nodeCookies.add(s.name);
        scoped.push(s.header);
      }
      out[name] = scoped;
    }
    return out;
  }

  const send = (target: URL) => (target.protocol === 'https:' ? httpsRequest : httpRequest);

  function forward(req: IncomingMessage, res: ServerResponse, found: Found): void {
    const { target } = found;
    const upstream = send(target)(
      target,
      { method: req.method, headers: headersFor(req, found) },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, headersBack(answer.headers, found));
        answer.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      log.warn('agent page proxy: owner unreachable', { owner: target.origin, error: err.message });
      if (!res.headersSent)
        res.writeHead(502, TEXT).end(`The co-browse server ${target.origin} cannot be reached.`);
      else res.destroy();
    });
    req.pipe(upstream);
  }

  /** A WebSocket upgrade: the same target and cookie rules, then the two sockets piped together. */
  function tunnel(req: IncomingMessage, socket: Socket, head: Buffer, found: Found): void {
    const { target } = found;
    const headers = { ...headersFor(req, found), connection: 'Upgrade', upgrade: req.headers.upgrade ?? '' };
    const upstream = send(target)(target, { method: req.method, headers });
    upstream.on('upgrade', (answer, upSocket: Duplex, upHead: Buffer) => {
      socket.write(statusBlock(answer, headersBack(answer.headers, found, ['connection', 'upgrade'])));
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
      socket.write(statusBlock(answer, headersBack(answer.headers, found)));
      answer.pipe(socket);
    });
    upstream.on('error', (err) => {
      log.warn('agent page proxy: owner unreachable', { owner: target.origin, error: err.message });
      refuseUpgrade(socket, 502, `The co-browse server ${target.origin} cannot be reached.`);
    });
    socket.on('error', () => upstream.destroy());
    upstream.end();
  }

  return {
    origin,
    expose(view) {
      const page = new URL(view.url);
      let key = keys.get(view.sessionId);
      if (!key) {
        key = randomBytes(16).toString('hex');
        keys.set(view.sessionId, key);
      }
      const known = routes.get(key);
      routes.set(key, {
        owner: page.origin,
        cookie: view.cookie,
        // The same owner keeps what its node set; a new owner starts with none of the old one's cookies.
        nodeCookies: known?.owner === page.origin ? known.nodeCookies : new Set(),
      });
      return `${origin}/a/${key}${page.pathname}${page.search}${page.hash}`;
    },
    retain(sessionIds) {
      for (const [sessionId, key] of keys)
        if (!sessionIds.includes(sessionId)) {
          keys.delete(sessionId);
          routes.delete(key);
        }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' };

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
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
