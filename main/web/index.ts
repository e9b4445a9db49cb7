// The web edition: the same core and sidebar as the desktop app, hosted on loopback. The sidebar is served
// from the built renderer; the contract travels over a WebSocket at /api, validated exactly like Electron IPC;
// the agent page shows in an iframe through the agent proxy (its own origin, stickiness added).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { WireFromPage, type AppError, type AppState, type WireFromHost } from '../../common/contract';
import { createAppCore, type AppCore } from '../core/app-core';
import { createStatePump } from '../core/ipc/state-pump';
import { createLogger, type Logger } from '../../common/logger';
import { diagnosticsFileName } from '../core/diagnostics/save-file';
import { startAgentProxy } from './agent-proxy';
import { createRunKey, refuseWithoutKey } from './run-key';
import { serveSite } from './static-site';
import { contentSecurityPolicy } from '../core/desktop/web-guards';
import { cutOff, rateLimit, refusalLog } from '../core/net/flood-guard';
import { requestUrl } from '../../common/request-path';

export interface WebEditionOptions {
  /** Loopback port of the sidebar; 0 picks a free one. */
  port?: number;
  /** Co-browse service URL; omitted with `demo` (or when the settings file sets none) → embedded simulator. */
  serviceUrl?: string;
  /** Force demo mode (embedded simulator) whatever the settings say. */
  demo?: boolean;
  /** Settings, journal and local API token; default `~/.cobrowse-agent-shell/web`. */
  dataDir?: string;
  /** Overrides the local integration API port (tests use 0). */
  localApiPort?: number;
  /** The built sidebar, default `out/renderer`. */
  rendererDir?: string;
  log?: Logger;
}

export interface WebEdition {
  /** The origin, `http://127.0.0.1:<port>`. */
  url: string;
  /** The link that opens the sidebar: the origin with this run's key (see run-key.ts). */
  openUrl: string;
  core: AppCore;
  /** The local integration API (throws when the Workspace API is the source). */
  readonly localApi: { url: string; tokenFile: string };
  close(): Promise<void>;
}

const appVersion = process.env.npm_package_version ?? 'dev';
const MAX_FRAME_BYTES = 64 * 1024;
// Per-connection bounds of /api (our choice: the sidebar sends a handful of requests a second at most). Past
// the rate or the queue a request gets a `too-many-requests` Reply; a page that keeps flooding, or does not
// read its replies, is disconnected (1008), so a flood costs neither memory nor the process.
const API_RATE = { perSecond: 50, burst: 100 };
const MAX_IN_FLIGHT = 8;
const MAX_QUEUED = 32;
const MAX_REFUSED_IN_A_ROW = 200;
const MAX_UNREAD_BYTES = 4 * 1024 * 1024;
const defaultRendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

export async function startWebEdition(opts: WebEditionOptions = {}): Promise<WebEdition> {
  const log = opts.log ?? createLogger({ scope: 'web' });
  const dataDir = opts.dataDir ?? join(homedir(), '.cobrowse-agent-shell', 'web');
  const argv = opts.demo ? ['--service-url', ''] : opts.serviceUrl ? ['--service-url', opts.serviceUrl] : [];
  const proxy = await startAgentProxy(log.child('agent-proxy'));
  const bundle = () =>
    core.diagnostics({
      app: { name: 'Cobrowse Agent Shell (web edition)', version: appVersion },
      runtime: { node: process.version, platform: `${process.platform} ${process.arch}` },
    });
  const core = await createAppCore({
    // Only demo mode needs the simulator and its packages: loaded then, not on every start.
    startDemo: async (...demo) => (await import('../demo/embedded')).startEmbeddedDemo(...demo),
    dataDir,
    settings: {
      userSettingsPath: join(dataDir, 'settings.json'),
      // The web edition is a user's own tool: no admin-wide layer.
      managedSettingsPath: join(dataDir, 'managed-settings.json'),
      argv,
    },
    log,
    ...(opts.localApiPort !== undefined ? { localApiPort: opts.localApiPort } : {}),
    hooks: {
      ownerKnown: (owner) => proxy.warm(owner),
      copyDiagnostics: () => bundle(),
      // The page downloads it: the browser's own download, no file dialog of ours.
      saveDiagnostics: async () => ({
        outcome: 'download',
        fileName: diagnosticsFileName(),
        text: await bundle(),
      }),
    },
  });

  // What this page sees: the agent page URL points at the proxy, never straight at the node.
  const stateForPage = (): AppState => {
    const state = core.getState();
    proxy.retain(state.agentView ? [state.agentView.sessionId] : []);
    return state.agentView
      ? { ...state, agentView: { ...state.agentView, url: proxy.expose(state.agentView) } }
      : state;
  };

  const csp = contentSecurityPolicy(proxy.origin);
  const rendererDir = opts.rendererDir ?? defaultRendererDir;
  const runKey = createRunKey();
  const server: Server = createServer((req, res) => {
    if (!sameHost(req, port)) return void res.writeHead(421).end();
    const url = requestUrl(req.url);
    if (!url) return void res.writeHead(400).end();
    const cookie = runKey.redeem(url);
    if (!cookie && !runKey.admits(req)) return refuseWithoutKey(res);
    void serveSite(rendererDir, req, res, url.pathname, csp, cookie);
  });
  const upgradeRefused = refusalLog(log, 'web edition: WebSocket refused');
  const frameRefused = refusalLog(log, 'web edition: request refused');
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Only the sidebar page itself: same host (DNS rebinding) and same origin (any other page on the machine).
    const ok =
      req.url === '/api' &&
      sameHost(req, port) &&
      req.headers.origin === pageOrigin(req) &&
      runKey.admits(req);
    if (!ok) {
      upgradeRefused({ origin: String(req.headers.origin ?? '(none)').slice(0, 100) });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const disconnect = (reason: string) => {
      frameRefused({ reason: `${reason}; disconnected` });
      cutOff(ws, reason);
    };
    const send = (frame: WireFromHost) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_UNREAD_BYTES) return disconnect('replies not read');
      ws.send(JSON.stringify(frame));
    };
    const pump = createStatePump(stateForPage, (state) => send({ event: 'state', payload: state }));
    const unsubscribe = core.subscribe(() => pump.changed());
    const limit = rateLimit(API_RATE.perSecond, API_RATE.burst);
    const queue: WireFromPage[] = [];
    let inFlight = 0;
    let refusedInARow = 0;
    const run = async (frame: WireFromPage) => {
      let reply = await core.dispatch(frame.name, frame.input);
      if (frame.name === 'ready' && reply.ok) {
        pump.ready();
        reply = { ok: true, value: stateForPage() };
      }
      send({ id: frame.id, reply });
    };
    const next = () => {
      while (inFlight < MAX_IN_FLIGHT && queue.length > 0) {
        inFlight++;
        void run(queue.shift()!).finally(() => {
          inFlight--;
          next();
        });
      }
    };
    ws.on('message', (data) => {
      if (ws.readyState !== ws.OPEN) return; // closing: what it still sends is dropped unread
      let frame: WireFromPage;
      try {
        frame = WireFromPage.parse(JSON.parse(String(data)));
      } catch {
        frameRefused({ reason: 'malformed frame dropped' });
        return;
      }
      if (!limit.take() || queue.length >= MAX_QUEUED) {
        if (++refusedInARow > MAX_REFUSED_IN_A_ROW) return disconnect('too many requests');
        frameRefused({ reason: 'too many requests', name: frame.name.slice(0, 40) });
        send({ id: frame.id, reply: { ok: false, error: TOO_MANY } });
        return;
      }
      refusedInARow = 0;
      queue.push(frame);
      next();
    });
    ws.on('close', () => {
      queue.length = 0;
      unsubscribe();
      pump.close();
    });
    ws.on('error', (err) => log.warn('web edition: socket error', { error: err.message }));
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  const url = `http://127.0.0.1:${port}`;
  log.info('web edition up', { url });

  return {
    url,
    openUrl: `${url}/${runKey.query}`,
    core,
    get localApi() {
      const api = core.localApi();
      if (!api) throw new Error('the interaction source is not the local integration API');
      return api;
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await proxy.close();
      await core.close();
    },
  };
}

const TOO_MANY: AppError = { code: 'too-many-requests', params: { perSecond: API_RATE.perSecond } };
const pageOrigin = (req: IncomingMessage) => `http://${req.headers.host ?? ''}`;
const sameHost = (req: IncomingMessage, port: number) =>
  req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
