// The web edition's agent page runs in an iframe, so it cannot carry the `gcbSessionServer` cookie the way
// the desktop's session partition does. This proxy, on its own loopback port (its own origin: the agent
// page can never script the sidebar), forwards `/a/<key>/cobrowse/...` to the session's owning node and adds
// the stickiness cookie to every request, CometD long-polls and WebSocket upgrades included. The key is
// random per agent view, so nothing else on the machine can ride on a session by guessing a path, and it is
// not the session token. The agent page's own script knows the key, so the proxy trusts no path and no
// cookie it is given: it only ever reaches the route's owner (proxy-rules.ts) with the node's own cookies.
// Speed through a slow link: one keep-alive agent per owner node (agent-pool.ts), and `warm()` fetches the
// agent page's HTML and stylesheets while the Controller is still joining (warm-cache.ts). This module holds
// the routes and the server; proxy-forward.ts carries each request to its owner.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AppState } from '../../common/contract';
import type { Logger } from '../../common/logger';
import type { SessionOwner } from '../core/controller/types';
import { refusalLog } from '../core/net/flood-guard';
import { AgentPool, nodeKey } from './agent-pool';
import { Forwarder, refuseUpgrade, TEXT, type Found, type Route } from './proxy-forward';
import { RefusedPath, upstreamTarget } from './proxy-rules';
import { WarmCache } from './warm-cache';

type AgentView = NonNullable<AppState['agentView']>;

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

type Resolved = Found | { status: number; refused: string };

export async function startAgentProxy(log: Logger): Promise<AgentProxy> {
  const routes = new Map<string, Route>(); // key → route
  const keys = new Map<string, string>(); // sessionId → key
  const pool: AgentPool = new AgentPool(
    () => new Set([...[...routes.values()].map((r) => nodeKey(r.owner, r.cookie)), ...warm.nodes()]),
  );
  const warm: WarmCache = new WarmCache(pool);
  // The agent page's own script can send refused paths as fast as it likes: logged at a rate.
  const pathRefused = refusalLog(log, 'agent page proxy: path refused');

  function resolve(req: IncomingMessage): Resolved {
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

  const server = createServer();
  server.keepAliveTimeout = 65_000;
  const origin = await listenOnLoopback(server);
  serve(server, resolve, new Forwarder({ log, origin, pool, warm }));
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
    warm: (owner) => warm.warm(owner),
    retain(sessionIds) {
      for (const [sessionId, key] of keys)
        if (!sessionIds.includes(sessionId)) {
          keys.delete(sessionId);
          routes.delete(key);
        }
      pool.sweep();
    },
    async close() {
      warm.clear();
      pool.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((done, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => done());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Every request and upgrade resolved to its route, then forwarded; refused ones answered here. */
function serve(server: Server, resolve: (req: IncomingMessage) => Resolved, forwarder: Forwarder): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const found = resolve(req);
    if ('refused' in found) return void res.writeHead(found.status, TEXT).end(found.refused);
    forwarder.forward(req, res, found);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const found = resolve(req);
    if ('refused' in found) return refuseUpgrade(socket, found.status, found.refused);
    forwarder.tunnel(req, socket, head, found);
  });
}
