// The web edition's agent page runs in an iframe, so it cannot carry the `gcbSessionServer` cookie the way
// the desktop's session partition does. This proxy, on its own loopback port (its own origin: the agent
// page can never script the sidebar), forwards `/a/<key>/cobrowse/...` to the session's owning node and adds
// the stickiness cookie to every request, CometD long-polls included. The key is random per agent view, so
// nothing else on the machine can ride on a session by guessing a path, and it is not the session token.
import { randomBytes } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AppState } from '../../common/contract';
import type { Logger } from '../../common/logger';

type AgentView = NonNullable<AppState['agentView']>;
interface Route {
  /** The owning node's origin, `<scheme>://<host>:<port>`. */
  owner: string;
  /** `gcbSessionServer=<node>` in cookie mode, else null. */
  cookie: string | null;
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

/**
 * The page lives under `/a/<key>/`: a cookie the node scopes to `Path=/cobrowse` (CometD's BAYEUX_BROWSER,
 * which the node needs back to find the client) must be scoped under the prefix, or the browser never
 * returns it and every message after the handshake is `402::session_unknown`.
 */
const underPrefix = (cookies: string[], prefix: string) =>
  cookies.map((c) => c.replace(/;\s*path=(\/[^;]*)/i, (_, path: string) => `; Path=${prefix}${path}`));

export async function startAgentProxy(log: Logger): Promise<AgentProxy> {
  const routes = new Map<string, Route>();
  const keys = new Map<string, string>(); // sessionId → key

  const server: Server = createServer((req, res) => forward(req, res));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const m = /^\/a\/([0-9a-f]{32})(\/.*)$/.exec(req.url ?? '');
    const route = m ? routes.get(m[1]!) : undefined;
    if (!m || !route) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('no such agent view');
      return;
    }
    const target = new URL(m[2]!, route.owner);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined && !HOP_BY_HOP.includes(name) && name !== 'host') headers[name] = value;
    if (route.cookie)
      headers.cookie = headers.cookie ? `${String(headers.cookie)}; ${route.cookie}` : route.cookie;
    // The Co-browse Server checks the Origin of REST calls against its allow-list: present its own.
    if (headers.origin) headers.origin = target.origin;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method: req.method, headers }, (answer) => {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers))
        if (value !== undefined && !HOP_BY_HOP.includes(name))
          out[name] = name === 'set-cookie' ? underPrefix(value as string[], `/a/${m[1]}`) : value;
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    });
    upstream.on('error', (err) => {
      log.warn('agent page proxy: owner unreachable', { owner: target.origin, error: err.message });
      if (!res.headersSent)
        res
          .writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end(`The co-browse server ${target.origin} cannot be reached.`);
      else res.destroy();
    });
    req.pipe(upstream);
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
      routes.set(key, { owner: page.origin, cookie: view.cookie });
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
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
