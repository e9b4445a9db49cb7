// One Co-browse Server node: its own HTTP server with CometD, REST, health and the pages. Stopping it closes
// its listening socket and destroys its connections, like a crashed node; starting it again brings it back
// on the same port with no sessions.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { paths } from '../../common/protocol';
import type { Logger } from '../../common/logger';
import { serveStatic } from '../http/static-files';
import { answerHealth, sendJson } from '../http/io';
import { requestUrl } from '../../common/request-path';
import { loggablePath } from '../http/log-safe';
import type { OriginCheck } from '../http/origins';
import type { BayeuxBatchEntry } from './bayeux-batch';
import { createCometdService, type CometdService } from './cometd-service';
import type { ClusterDirectory } from './directory';
import { handleRest } from './rest';
import { SessionStore } from './session-store';

export interface NodeOptions {
  name: string;
  host: string;
  directory: ClusterDirectory;
  inactivityTimeoutMs: number;
  originAllowed: OriginCheck;
  serverUrlOf: (node: string) => string | undefined;
  /** The CometD long-poll timeout the node advises; CometD's default (30 s) when unset. */
  longPollTimeoutMs?: number | undefined;
  /** Told of every Bayeux batch received (the simulator's `bayeux` log). */
  onBatch?: ((batch: BayeuxBatchEntry) => void) | undefined;
  logger: Logger;
  /** Answer as the Genesys docs' examples do: docs-shaped join replies, REST errors without a body. */
  docsExamples?: boolean;
}

interface Running {
  server: Server;
  store: SessionStore;
  cometd: CometdService;
  sockets: Set<Socket>;
}

export class SimNode {
  private running: Running | undefined;
  private port = 0;

  constructor(private readonly opts: NodeOptions) {}

  get name(): string {
    return this.opts.name;
  }
  get alive(): boolean {
    return this.running !== undefined;
  }
  get url(): string {
    return `http://${this.opts.host}:${this.port}`;
  }
  get portNumber(): number {
    return this.port;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const { name, directory, inactivityTimeoutMs, logger } = this.opts;
    const log = logger.child(name);
    const store = new SessionStore({
      node: name,
      directory,
      inactivityTimeoutMs,
      logger: log,
      // Timer-driven notices (inactivity) go out through this node's CometD, created just below.
      send: (notices) => running.cometd.send(notices),
    });
    const cometd = createCometdService({
      node: name,
      store,
      logger: log,
      docsExamples: this.opts.docsExamples,
      ...(this.opts.longPollTimeoutMs !== undefined
        ? { longPollTimeoutMs: this.opts.longPollTimeoutMs }
        : {}),
      ...(this.opts.onBatch ? { onBatch: this.opts.onBatch } : {}),
    });
    const running: Running = { server: createServer(), store, cometd, sockets: new Set() };
    const { server, sockets } = running;
    server.on('request', (req, res) => this.route(running, req, res));
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    // Bayeux over WebSocket on the CometD endpoint; any other upgrade is refused.
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      if (new URL(req.url ?? '/', 'http://x').pathname === paths.cometd)
        return running.cometd.upgrade(req, socket, head);
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.running = running;
    log.info('node up', { url: this.url });
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    running.cometd.close();
    running.store.dispose();
    this.opts.directory.forgetNode(this.opts.name);
    const closed = new Promise<void>((resolve) => running.server.close(() => resolve()));
    for (const socket of running.sockets) socket.destroy();
    await closed;
    this.opts.logger.child(this.opts.name).info('node down');
  }

  private route(running: Running, req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('X-Cobrowse-Node', this.opts.name);
    const pathname = requestUrl(req.url)?.pathname;
    if (pathname === undefined)
      return sendJson(res, 400, { error: 'invalid-request', message: 'the request target is not a path' });
    const failed = (err: unknown) => {
      this.opts.logger.child(this.opts.name).error('request failed', { path: loggablePath(pathname), err });
      if (!res.headersSent) sendJson(res, 500, { error: 'invalid-request', message: 'internal error' });
      else res.destroy();
    };
    if (pathname === paths.cometd || pathname.startsWith(`${paths.cometd}/`))
      return running.cometd.handle(req, res);
    if (pathname === paths.health) return answerHealth(req, res);
    if (pathname.startsWith(`${paths.restBase}/`)) {
      handleRest(req, res, {
        node: this.opts.name,
        store: running.store,
        directory: this.opts.directory,
        originAllowed: this.opts.originAllowed,
        serverUrlOf: this.opts.serverUrlOf,
        send: (notices) => running.cometd.send(notices),
        logger: this.opts.logger.child(this.opts.name),
        bareErrors: this.opts.docsExamples,
      }).catch(failed);
      return;
    }
    serveStatic(req, res, pathname).then((served) => {
      if (!served) sendJson(res, 404, { error: 'not-found', message: `nothing at ${pathname}` });
    }, failed);
  }
}
