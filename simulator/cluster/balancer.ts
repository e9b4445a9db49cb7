// The front load balancer on the public port: routes on the `gcbSessionServer` cookie, otherwise round-robin
// over the live nodes (which is what breaks a client without stickiness, as in a real cluster). It proxies
// plain HTTP and WebSocket upgrades, and keeps a request log tests can read.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type Socket } from 'node:net';
import { STICKY_COOKIE } from '../../common/protocol';
import type { Logger } from '../../common/logger';
import { cookieValue, sendJson } from '../http/io';
import { loggablePath } from '../http/log-safe';
import type { SimNode } from './node';

export interface BalancerLogEntry {
  method: string;
  path: string;
  /** The raw Cookie header, or ''. */
  cookie: string;
  routedTo: string;
  /** 0 until the node answered; 502/503 when it could not. */
  status: number;
}

/**
 * Another simulator mounted on the same public port (e.g. `/sim/...`, `/workspace/...`): consulted before
 * the cluster; return true when it handled the request.
 */
export type ExtraRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The log keeps the latest entries only, so a long demo run does not grow without bound. */
const LOG_LIMIT = 20_000;

export class Balancer {
  readonly log: BalancerLogEntry[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private next = 0;

  constructor(
    private readonly nodes: readonly SimNode[],
    private readonly routes: readonly ExtraRoute[],
    private readonly logger: Logger,
    /** Also route `/<node>/cobrowse/…` to that node, prefix stripped (a proxy in front of each node). */
    private readonly nodePrefixes = false,
  ) {
    this.server = createServer((req, res) => this.onRequest(req, res));
    this.server.on('upgrade', (req, socket: Socket, head: Buffer) => this.onUpgrade(req, socket, head));
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  clearLog(): void {
    this.log.length = 0;
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(address && typeof address === 'object' ? address.port : port);
      });
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** The prefix's node, else the cookie's when it names one (alive or not), else the next live node in turn. */
  private pick(req: IncomingMessage): SimNode | undefined {
    const prefix = this.nodePrefixes ? /^\/([^/]+)(\/cobrowse(?:[/?#].*)?)$/.exec(req.url ?? '') : null;
    const byPrefix = prefix && this.nodes.find((n) => n.name === prefix[1]);
    if (byPrefix) {
      req.url = prefix[2];
      return byPrefix;
    }
    const named = cookieValue(req.headers.cookie, STICKY_COOKIE);
    const sticky = named === undefined ? undefined : this.nodes.find((n) => n.name === named);
    if (sticky) return sticky;
    const live = this.nodes.filter((n) => n.alive);
    if (!live.length) return undefined;
    return live[this.next++ % live.length];
  }

  /** `path` as the client sent it (with any node prefix). */
  private record(req: IncomingMessage, node: SimNode | undefined, path: string): BalancerLogEntry {
    const entry: BalancerLogEntry = {
      method: req.method ?? 'GET',
      path,
      cookie: req.headers.cookie ?? '',
      routedTo: node?.name ?? '',
      status: 0,
    };
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    return entry;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    for (const route of this.routes) if (route(req, res)) return;
    const path = req.url ?? '/';
    const node = this.pick(req);
    const entry = this.record(req, node, path);
    // A prefixing proxy moves the node's cookies under the prefix too (as nginx's proxy_cookie_path does).
    const prefix = path === req.url ? '' : path.slice(0, path.length - (req.url ?? '').length);
    if (!node?.alive) {
      entry.status = 503;
      const message = node ? `${node.name} is not available` : 'no node is available';
      this.logger.warn('balancer: no route', { path: loggablePath(entry.path), message });
      return sendJson(res, 503, { error: 'node-unavailable', message });
    }
    const upstream = httpRequest(
      { host: '127.0.0.1', port: node.portNumber, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        entry.status = answer.statusCode ?? 0;
        const headers = prefix
          ? answer.rawHeaders.map((v, i) =>
              i % 2 === 1 && /^set-cookie$/i.test(answer.rawHeaders[i - 1]!)
                ? v.replace(/;\s*Path=\//i, `; Path=${prefix}/`)
                : v,
            )
          : answer.rawHeaders;
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', (err) => {
      entry.status = 502;
      this.logger.warn('balancer: node failed', { node: node.name, path: loggablePath(entry.path), err });
      if (res.headersSent) res.destroy();
      else sendJson(res, 502, { error: 'node-unavailable', message: `${node.name} failed: ${err.message}` });
    });
    // A client that gives up (an aborted long-poll) must not leave the upstream request hanging.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  private onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const path = req.url ?? '/';
    const node = this.pick(req);
    const entry = this.record(req, node, path);
    socket.on('error', () => socket.destroy());
    if (!node?.alive) {
      entry.status = 503;
      return void socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
    }
    const upstream = connect(node.portNumber, '127.0.0.1', () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(lines.join('\r\n') + '\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.once('data', (first: Buffer) => {
        entry.status = Number(/^HTTP\/1\.\d (\d{3})/.exec(first.toString('latin1'))?.[1] ?? 0);
      });
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => {
      entry.status ||= 502;
      socket.destroy();
    });
    socket.on('close', () => upstream.destroy());
  }
}
