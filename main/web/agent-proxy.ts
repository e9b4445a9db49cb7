// The web edition's agent page runs in an iframe, so it cannot carry the `gcbSessionServer` cookie the way
// the desktop's session partition does. This proxy, on its own loopback port (its own origin: the agent
// page can never script the sidebar), forwards `/a/<key>/cobrowse/...` to the session's owning node and adds
// the stickiness cookie to every request, CometD long-polls and WebSocket upgrades included. The key is
// random per agent view, so nothing else on the machine can ride on a session by guessing a path, and it is
// not the session token. The agent page's own script knows the key, so the proxy trusts no path and no
// cookie it is given: it only ever reaches the route's owner (proxy-rules.ts) with the node's own cookies.
// Speed through a slow link: one keep-alive agent per owner node, and `warm()` fetches the agent page's HTML
// and stylesheets while the Controller is still joining, held for the page's first load only.
import { randomBytes } from 'node:crypto';
import {
  Agent as HttpAgent,
  createServer,
  request as httpRequest,
  STATUS_CODES,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AppState } from '../../common/contract';
import type { Logger } from '../../common/logger';
import { agentPageAddress } from '../../common/protocol';
import { setNewest } from '../../common/recent-map';
import type { SessionOwner } from '../core/controller/types';
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
  /**
   * The owner of a session being joined is known: fetch its agent page's HTML and stylesheets now, so the
   * page's first load does not wait on the link for them. Nothing is shown; the route comes with `expose`.
   */
  warm(owner: SessionOwner): void;
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
// Warmed responses (our choice): kept as long as a join may take (REST 5 s + handshake 10 s + join 10 s), at
// most this many stylesheets per page, this size each and this many at once (joins in a burst); anything
// else is simply fetched when asked for.
const WARM_TTL_MS = 25_000;
const MAX_WARM_STYLESHEETS = 8;
const MAX_WARMED = 64;
const MAX_WARM_BYTES = 1024 * 1024;
const MAX_KNOWN_PAGES = 16;

interface Fetched {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}
/** A route's owner node: its origin and stickiness cookie, the key of its agent and warmed responses. */
const nodeKey = (owner: string, cookie: string | null) => `${owner} ${cookie ?? ''}`;

export async function startAgentProxy(log: Logger): Promise<AgentProxy> {
  const routes = new Map<string, Route>();
  const keys = new Map<string, string>(); // sessionId → key
  // One keep-alive agent per owner node (not per host: a balancer may pin a connection to a node), so the
  // page's requests do not each pay a TCP connect across the link.
  const agents = new Map<string, HttpAgent>();
  // `<node key> <url>` → the warmed response, taken by the first GET of that URL through that node's route.
  const warmed = new Map<string, Promise<Fetched | null>>();
  const stylesheets = new Map<string, URL[]>(); // agent page URL → the stylesheets it had when last fetched
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

  function agentFor(owner: string, cookie: string | null): HttpAgent {
    const key = nodeKey(owner, cookie);
    let agent = agents.get(key);
    if (!agent) {
      agent = owner.startsWith('https:')
        ? new HttpsAgent({ keepAlive: true })
        : new HttpAgent({ keepAlive: true });
      agents.set(key, agent);
    }
    return agent;
  }

  /** Agents of nodes no route and no warmed response needs any more are closed. */
  function sweep(): void {
    const needed = new Set([...routes.values()].map((r) => nodeKey(r.owner, r.cookie)));
    for (const w of warmed.keys()) needed.add(w.slice(0, w.lastIndexOf(' ')));
    for (const [key, agent] of agents)
      if (!needed.has(key)) {
        agent.destroy();
        agents.delete(key);
      }
  }

  /** GETs `target` whole through the node's agent with only the stickiness cookie; null unless a small 200. */
  function fetchWhole(target: URL, cookie: string | null, accept: string): Promise<Fetched | null> {
    return new Promise((done) => {
      const headers: OutgoingHttpHeaders = { accept, ...(cookie ? { cookie } : {}) };
      const agent = agentFor(target.origin, cookie);
      const upstream = send(target)(target, { agent, headers, timeout: WARM_TTL_MS }, (answer) => {
        const chunks: Buffer[] = [];
        let size = 0;
        answer.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_WARM_BYTES) return void chunks.push(chunk);
          done(null);
          upstream.destroy();
        });
        answer.on('end', () =>
          done(
            answer.statusCode === 200
              ? { status: 200, headers: answer.headers, body: Buffer.concat(chunks) }
              : null,
          ),
        );
        answer.on('close', () => done(null)); // after 'end', a no-op
      });
      upstream.on('timeout', () => upstream.destroy());
      upstream.on('close', () => done(null));
      upstream.on('error', () => done(null));
      upstream.end();
    });
  }

  /** Fetches `target` now and keeps the answer for the node's route, for WARM_TTL_MS at most. */
  function keepWarm(target: URL, cookie: string | null, accept: string, then?: (f: Fetched) => void) {
    const key = `${nodeKey(target.origin, cookie)} ${target.href}`;
    if (warmed.has(key) || warmed.size >= MAX_WARMED) return;
    const fetched = fetchWhole(target, cookie, accept).then((f) => (f && then?.(f), f));
    warmed.set(key, fetched);
    setTimeout(() => {
      if (warmed.get(key) === fetched) warmed.delete(key);
      sweep();
    }, WARM_TTL_MS).unref();
  }

  function takeWarmed({ route, target }: Found): Promise<Fetched | null> | undefined {
    const key = `${nodeKey(route.owner, route.cookie)} ${target.href}`;
    const fetched = warmed.get(key);
    warmed.delete(key);
    return fetched;
  }

  function forward(req: IncomingMessage, res: ServerResponse, found: Found): void {
    const early = req.method === 'GET' ? takeWarmed(found) : undefined;
    if (early)
      return void early.then((f) => {
        if (!f) return fetchNow(req, res, found);
        const headers = headersBack(f.headers, found);
        headers['content-length'] = f.body.length;
        res.writeHead(f.status, headers).end(f.body);
      });
    fetchNow(req, res, found);
  }

  function fetchNow(req: IncomingMessage, res: ServerResponse, found: Found): void {
    const { target, route } = found;
    const upstream = send(target)(
      target,
      { method: req.method, headers: headersFor(req, found), agent: agentFor(route.owner, route.cookie) },
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
    warm(owner) {
      const page = agentPageAddress(owner.baseUrl);
      const cookie = owner.cookie ?? null;
      keepWarm(page, cookie, 'text/html', (f) => {
        if (!String(f.headers['content-type']).startsWith('text/html')) return;
        const found = stylesheetsOf(f.body.toString('utf8'), page);
        setNewest(stylesheets, page.href, found, MAX_KNOWN_PAGES);
        for (const css of found) keepWarm(css, cookie, 'text/css');
      });
      // The stylesheets this page had last time, fetched beside it rather than after it (a link's round
      // trip, and the TCP connects of a cold node, saved); a changed page only costs an unused fetch.
      for (const css of stylesheets.get(page.href) ?? []) keepWarm(css, cookie, 'text/css');
    },
    retain(sessionIds) {
      for (const [sessionId, key] of keys)
        if (!sessionIds.includes(sessionId)) {
          keys.delete(sessionId);
          routes.delete(key);
        }
      sweep();
    },
    async close() {
      warmed.clear();
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' };

/** The page's `<link rel="stylesheet" href>` on its own origin (what holds its first paint back), in order. */
function stylesheetsOf(html: string, page: URL): URL[] {
  const found: URL[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    if (!/\brel\s*=\s*["']?stylesheet["'\s>/]/i.test(tag)) continue;
    const m = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const href = m?.[1] ?? m?.[2] ?? m?.[3];
    const url = href && URL.canParse(href, page.href) ? new URL(href, page) : null;
    if (!url || url.origin !== page.origin) continue;
    url.hash = '';
    found.push(url);
    if (found.length === MAX_WARM_STYLESHEETS) break;
  }
  return found;
}

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
