// The local integration API: an InteractionSource that a softphone or any desktop app drives over
// 127.0.0.1. HTTP for events in and state out (http-api.ts, behind gate.ts), a WebSocket on which attached
// data are pushed to the app that reported the interaction (app-sockets.ts) and acked (ack-waiters.ts).
// This module starts and stops the server and ties those parts to the InteractionSource port.
import { createServer, type Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../../../common/logger';
import type { SourceEvent } from '../../../../common/source-events';
import { AttachedDataPush, BODY_LIMIT_BYTES } from '../../../../common/local-api-wire';
import type { InteractionSource, SourceStatus } from '../port';
import { refusalLog } from '../../net/flood-guard';
import { createAckWaiters } from './ack-waiters';
import { createAppSockets } from './app-sockets';
import { admit, connectionRate, HOST } from './gate';
import { requestHandler, upgradeHandler } from './http-api';
import { loadOrCreateToken } from './token-file';

export interface LocalApiOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Where the bearer token lives, e.g. `<settings folder>/local-api-token`. */
  tokenFile: string;
  log: Logger;
  /** What `GET /v1/state` answers. */
  getState?: () => unknown;
  /** How long a pushed write waits for its ack before the outbox retries it. */
  ackTimeoutMs?: number;
}

export interface LocalApiSource extends InteractionSource {
  /** `http://127.0.0.1:<port>` once started. */
  readonly url: string;
  setStateProvider(getState: () => unknown): void;
}

// Our choice: at most this many sockets at once (more are dropped by Node).
const MAX_CONNECTIONS = 64;

export function createLocalApiSource(opts: LocalApiOptions): LocalApiSource {
  const log = opts.log.child('local-api');
  const refused = refusalLog(log, 'request refused');
  const acks = createAckWaiters(opts.ackTimeoutMs ?? 5_000);
  let getState = opts.getState ?? (() => ({}));
  let token = '';
  let port = 0;
  let server: Server | undefined;
  let wss: WebSocketServer | undefined;
  let onEvent: (event: SourceEvent) => void = () => undefined;
  let onStatus: (status: SourceStatus) => void = () => undefined;

  const reportStatus = () => onStatus(statusOf(sockets.count, port));
  const sockets = createAppSockets({ log, refused, acks, onChange: reportStatus });
  const withinRate = connectionRate();
  const check = (req: Parameters<typeof admit>[0]) => {
    withinRate(req);
    admit(req, port, token);
  };
  const onEvents = (events: SourceEvent[], app: string | undefined) => {
    for (const event of events) {
      if (app !== undefined && event.interactionId !== undefined)
        sockets.reportedBy(event.interactionId, app);
      onEvent(event);
    }
  };
  const handle = requestHandler({ log, refused, check, getState: () => getState(), onEvents });
  const upgrade = upgradeHandler({ refused, check }, (req, socket, head, app) =>
    wss!.handleUpgrade(req, socket, head, (ws) => sockets.connected(ws, app)),
  );

  return {
    kind: 'local-api',
    get url() {
      return `http://${HOST}:${port}`;
    },
    setStateProvider(fn) {
      getState = fn;
    },
    async start(eventSink, statusSink) {
      onEvent = eventSink;
      onStatus = statusSink;
      onStatus({ state: 'starting' });
      token = await loadOrCreateToken(opts.tokenFile);
      wss = new WebSocketServer({ noServer: true, maxPayload: BODY_LIMIT_BYTES });
      const srv = (server = createServer((req, res) => void handle(req, res)));
      srv.maxConnections = MAX_CONNECTIONS;
      srv.on('upgrade', upgrade);
      port = await listen(srv, opts.port);
      log.info('local integration API listening', { url: `http://${HOST}:${port}` });
      reportStatus();
    },
    async stop() {
      acks.failAll((writeId) => new Error(`stopped before write ${writeId} was acknowledged`));
      sockets.terminateAll();
      wss?.close();
      const srv = server;
      server = undefined;
      if (srv) {
        srv.closeAllConnections();
        await new Promise<void>((resolve) => srv.close(() => resolve()));
      }
    },
    applyAttachedData(interactionId, data, writeId) {
      const ws = sockets.recipient(interactionId);
      if (ws instanceof Error) return Promise.reject(ws);
      const push: AttachedDataPush = { type: 'attached-data', interactionId, data, writeId };
      return acks.push(ws, writeId, JSON.stringify(push));
    },
  };
}

function statusOf(apps: number, port: number): SourceStatus {
  return apps > 0
    ? { state: 'up', detail: { code: 'apps-connected', params: { count: apps } } }
    : { state: 'listening', detail: { code: 'listening', params: { address: `${HOST}:${port}` } } };
}

/** Listens on loopback; resolves with the port (the one picked when `port` is 0). */
async function listen(srv: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(port, HOST, () => resolve());
  });
  const address = srv.address();
  return typeof address === 'object' && address ? address.port : port;
}
