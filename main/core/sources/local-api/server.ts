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
import { publishDiscovery, withdrawDiscovery } from './discovery';
import { admit, connectionRate, HOST } from './gate';
import { requestHandler, upgradeHandler } from './http-api';
import { newToken } from './token';

export interface LocalApiOptions {
  /** The port to try first (taken: a free one instead); 0 picks a free port at once (tests). */
  port: number;
  /** Where the address and token are published: `<data dir>/local-api.json` (DISCOVERY_FILE). */
  discoveryFile: string;
  log: Logger;
  /** What `GET /v1/state` answers. */
  getState?: () => unknown;
  /** How long a pushed write waits for its ack before the outbox retries it. */
  ackTimeoutMs?: number;
}

export interface LocalApiSource extends InteractionSource {
  /** `http://127.0.0.1:<port>` once started. */
  readonly url: string;
  readonly discoveryFile: string;
  setStateProvider(getState: () => unknown): void;
}

/** No loopback port could be had at all: the source is down and says why (`problem`: the system's code). */
export class LocalApiUnavailable extends Error {
  constructor(readonly problem: string) {
    super(`the local API could not listen on ${HOST} (${problem})`);
  }
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
    discoveryFile: opts.discoveryFile,
    setStateProvider(fn) {
      getState = fn;
    },
    async start(eventSink, statusSink) {
      onEvent = eventSink;
      onStatus = statusSink;
      onStatus({ state: 'starting' });
      token = newToken();
      wss = new WebSocketServer({ noServer: true, maxPayload: BODY_LIMIT_BYTES });
      const srv = (server = newServer(handle, upgrade));
      try {
        port = await listenPreferring(srv, opts.port, log);
      } catch (err) {
        server = undefined;
        throw unavailable(err, onStatus);
      }
      const url = `http://${HOST}:${port}`;
      await publishDiscovery(opts.discoveryFile, { url, token, pid: process.pid });
      log.info('local integration API listening', { url, discoveryFile: opts.discoveryFile });
      reportStatus();
    },
    async stop() {
      if (token) await withdrawDiscovery(opts.discoveryFile, token);
      acks.failAll((writeId) => new Error(`stopped before write ${writeId} was acknowledged`));
      sockets.terminateAll();
      wss?.close();
      const srv = server;
      server = undefined;
      if (srv) await closeServer(srv);
    },
    applyAttachedData(interactionId, data, writeId) {
      const ws = sockets.recipient(interactionId);
      if (ws instanceof Error) return Promise.reject(ws);
      const push: AttachedDataPush = { type: 'attached-data', interactionId, data, writeId };
      return acks.push(ws, writeId, JSON.stringify(push));
    },
  };
}

/** The HTTP server, capped in connections, with the app sockets' upgrade route. */
function newServer(
  handle: ReturnType<typeof requestHandler>,
  upgrade: ReturnType<typeof upgradeHandler>,
): Server {
  const srv = createServer((req, res) => void handle(req, res));
  srv.maxConnections = MAX_CONNECTIONS;
  srv.on('upgrade', upgrade);
  return srv;
}

async function closeServer(srv: Server): Promise<void> {
  srv.closeAllConnections();
  await new Promise<void>((resolve) => srv.close(() => resolve()));
}

/** A port that could not be listened on: reported down with the system's reason. */
function unavailable(err: unknown, onStatus: (status: SourceStatus) => void): LocalApiUnavailable {
  const problem = (err as NodeJS.ErrnoException).code ?? String(err);
  onStatus({ state: 'down', detail: { code: 'local-api-unavailable', params: { problem } } });
  return new LocalApiUnavailable(problem);
}

function statusOf(apps: number, port: number): SourceStatus {
  return apps > 0
    ? { state: 'up', detail: { code: 'apps-connected', params: { count: apps } } }
    : { state: 'listening', detail: { code: 'listening', params: { address: `${HOST}:${port}` } } };
}

/**
 * Listens on `preferred` when it is free, else on a free port: on a shared host (Citrix, RDS) every agent's
 * app wants the default port and any other user may hold it; clients find the port in the discovery file.
 */
async function listenPreferring(srv: Server, preferred: number, log: Logger): Promise<number> {
  try {
    return await listen(srv, preferred);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (preferred === 0 || (code !== 'EADDRINUSE' && code !== 'EACCES')) throw err;
    log.warn('local API port taken; listening on a free one (see the discovery file)', { preferred, code });
    return listen(srv, 0);
  }
}

/** Listens on loopback; resolves with the port (the one picked when `port` is 0). */
async function listen(srv: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(port, HOST, () => {
      srv.off('error', reject);
      resolve();
    });
  });
  const address = srv.address();
  return typeof address === 'object' && address ? address.port : port;
}
