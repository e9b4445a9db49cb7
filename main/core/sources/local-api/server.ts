// The local integration API: an InteractionSource that a softphone or any desktop app drives over
// 127.0.0.1. HTTP for events in and state out, a WebSocket on which attached data are pushed and acked, each
// interaction's to the app that reported it (`X-Cobrowse-App`, our choice: Genesys is silent on this API).
// Browsers are kept out: no CORS headers, any request with an Origin header is refused, Host must be
// loopback (DNS rebinding), and every call needs the bearer token from the user's settings folder.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../../../common/logger';
import type { AttachedData, SourceEvent } from '../../../../common/source-events';
import type { InteractionSource, SourceStatus } from '../port';
import { loadOrCreateToken, tokensEqual } from './token-file';
import { cutOff, rateLimit, refusalLog, type RateLimit } from '../../net/flood-guard';
import { setNewest } from '../../../../common/recent-map';
import { requestUrl } from '../../../../common/request-path';
import {
  API_PREFIX,
  APP_HEADER,
  AppName,
  AttachedDataPush,
  BODY_LIMIT_BYTES,
  ClientMessage,
  EventsBody,
  issuesOf,
  type ErrorBody,
} from '../../../../common/local-api-wire';

/** Every route the server answers; the OpenAPI test checks each one is documented. */
export const routes = [
  { method: 'post', path: `${API_PREFIX}/events` },
  { method: 'get', path: `${API_PREFIX}/state` },
  { method: 'get', path: `${API_PREFIX}/ws` },
] as const;

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

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

const HOST = '127.0.0.1';
// Flood bounds (our choice; a softphone sends a few requests a second): per connection, `burst` requests at
// once then `perSecond`, else 429; at most MAX_CONNECTIONS sockets (more are dropped by Node); on the
// WebSocket, messages that ack no pending write are rate-limited too, and a client that floods or stops
// reading its error replies is disconnected (1008).
const HTTP_RATE = { perSecond: 50, burst: 100 };
const WS_STRAY_RATE = { perSecond: 20, burst: 50 };
const MAX_CONNECTIONS = 64;
const MAX_UNREAD_BYTES = 1024 * 1024;
// Which app reported each interaction, kept past the interaction's end (its last attached data follow the
// close) and past the app's disconnection (its writes wait for it): at most this many, the oldest forgotten.
const MAX_OWNERS = 1_000;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

async function readLimited(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () =>
    new HttpError(413, { error: 'body-too-large', message: `the body exceeds ${limit} bytes` });
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createLocalApiSource(opts: LocalApiOptions): LocalApiSource {
  const log = opts.log.child('local-api');
  const refused = refusalLog(log, 'request refused');
  const limits = new WeakMap<Socket, RateLimit>();
  const ackTimeoutMs = opts.ackTimeoutMs ?? 5_000;
  let getState = opts.getState ?? (() => ({}));
  let token = '';
  let server: Server | undefined;
  let wss: WebSocketServer | undefined;
  let port = 0;
  let onEvent: (event: SourceEvent) => void = () => undefined;
  let onStatus: (status: SourceStatus) => void = () => undefined;
  const clients: WebSocket[] = [];
  /** The newest connection of each named app (`X-Cobrowse-App` on its upgrade). */
  const apps = new Map<string, WebSocket>();
  const named = new WeakSet<WebSocket>();
  /** Interaction → the app that last reported it with `X-Cobrowse-App` (insertion order = age). */
  const owners = new Map<string, string>();
  interface Waiter {
    resolve: () => void;
    reject: (err: Error) => void;
    timer: NodeJS.Timeout;
    ws: WebSocket;
  }
  const waiting = new Map<string, Waiter>();
  const settle = (writeId: string, err?: Error) => {
    const w = waiting.get(writeId);
    if (!w) return;
    waiting.delete(writeId);
    clearTimeout(w.timer);
    if (err) w.reject(err);
    else w.resolve();
  };

  const reportStatus = () =>
    onStatus(
      clients.length > 0
        ? { state: 'up', detail: { code: 'apps-connected', params: { count: clients.length } } }
        : { state: 'listening', detail: { code: 'listening', params: { address: `${HOST}:${port}` } } },
    );

  /** Checks shared by HTTP and the WebSocket upgrade. */
  function admit(req: IncomingMessage): void {
    if (req.headers.origin !== undefined)
      throw new HttpError(403, { error: 'origin-forbidden', message: 'requests from web pages are refused' });
    const host = req.headers.host ?? '';
    if (host !== `${HOST}:${port}` && host !== `localhost:${port}`)
      throw new HttpError(403, { error: 'host-forbidden', message: `Host must be ${HOST}:${port}` });
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    if (!given || !tokensEqual(given, token))
      throw new HttpError(
        401,
        { error: 'unauthorized', message: 'a valid bearer token is required (see the local-api-token file)' },
        { 'WWW-Authenticate': 'Bearer' },
      );
  }

  /** The `X-Cobrowse-App` the request names, if any. */
  function appOf(req: IncomingMessage): string | undefined {
    const given = req.headers[APP_HEADER];
    if (given === undefined) return undefined;
    const parsed = AppName.safeParse(given);
    if (!parsed.success)
      throw new HttpError(400, {
        error: 'invalid-app',
        message: `X-Cobrowse-App must name the app in ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      });
    return parsed.data;
  }

  /**
   * Where a write goes: to the app that reported the interaction, or nowhere while it is away (never to
   * another app). An interaction reported without a name came from an unnamed app: it goes to the only
   * unnamed app connected (one app alone, as before names; or a legacy app beside named ones), else waits.
   */
  function recipient(interactionId: string): WebSocket | Error {
    const owner = owners.get(interactionId);
    if (owner !== undefined)
      return (
        apps.get(owner) ??
        new Error(
          `the desktop app "${owner}" that reported ${interactionId} is not connected; waiting for it`,
        )
      );
    const unnamed = clients.filter((ws) => !named.has(ws));
    if (unnamed.length === 1) return unnamed[0]!;
    if (clients.length === 0) return new Error('no desktop app connected to the local API');
    return new Error(
      unnamed.length === 0
        ? `no connected desktop app is known to have reported ${interactionId}: it came without ` +
            'X-Cobrowse-App and every connected app has a name; the app should send it with its events too'
        : `${unnamed.length} desktop apps without X-Cobrowse-App are connected and none is known to have ` +
            `reported ${interactionId}: each app should name itself on its WebSocket and its events`,
    );
  }

  /** Per connection: keep-alive lets one socket carry a flood. */
  function withinRate(req: IncomingMessage): void {
    let limit = limits.get(req.socket);
    if (!limit) limits.set(req.socket, (limit = rateLimit(HTTP_RATE.perSecond, HTTP_RATE.burst)));
    if (!limit.take())
      throw new HttpError(
        429,
        {
          error: 'too-many-requests',
          message: `more than ${HTTP_RATE.perSecond} requests a second on one connection; slow down`,
        },
        { 'Retry-After': String(limit.retryAfterS()) },
      );
  }

  function route(req: IncomingMessage) {
    const path = requestUrl(req.url)?.pathname;
    if (path === undefined)
      throw new HttpError(404, { error: 'not-found', message: 'the request target is not a path' });
    const matches = routes.filter((r) => r.path === path);
    if (matches.length === 0) throw new HttpError(404, { error: 'not-found', message: `no route ${path}` });
    const method = (req.method ?? 'GET').toLowerCase();
    const found = matches.find((r) => r.method === method);
    if (!found)
      throw new HttpError(
        405,
        { error: 'method-not-allowed', message: `${req.method} is not allowed on ${path}` },
        { Allow: matches.map((r) => r.method.toUpperCase()).join(', ') },
      );
    return found;
  }

  async function postEvents(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json')
      throw new HttpError(415, {
        error: 'unsupported-media-type',
        message: 'send the events as Content-Type: application/json',
      });
    const app = appOf(req);
    const text = await readLimited(req, BODY_LIMIT_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new HttpError(400, { error: 'invalid-json', message: (err as Error).message });
    }
    const parsed = EventsBody.safeParse(json);
    if (!parsed.success)
      throw new HttpError(400, {
        error: 'invalid-event',
        message: 'the body is not a SourceEvent or an array of them',
        issues: issuesOf(parsed.error),
      });
    const events = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    for (const event of events) {
      if (app !== undefined && event.interactionId !== undefined) setNewest(owners, event.interactionId, app, MAX_OWNERS);
      onEvent(event);
    }
    sendJson(res, 202, { accepted: events.length });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      withinRate(req);
      admit(req);
      const r = route(req);
      if (r.path === `${API_PREFIX}/events`) await postEvents(req, res);
      else if (r.path === `${API_PREFIX}/state`) sendJson(res, 200, getState());
      else
        sendJson(
          res,
          426,
          { error: 'upgrade-required', message: 'open this path as a WebSocket' },
          { Upgrade: 'websocket' },
        );
    } catch (err) {
      if (err instanceof HttpError) {
        refused({ status: err.status, error: err.body.error, path: (req.url ?? '').slice(0, 100) });
        sendJson(res, err.status, err.body, err.headers);
      } else {
        log.error('request failed', { error: err });
        sendJson(res, 500, { error: 'internal', message: 'internal error' });
      }
      req.resume();
    }
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    let app: string | undefined;
    try {
      withinRate(req);
      admit(req);
      const r = route(req);
      if (r.path !== `${API_PREFIX}/ws`)
        throw new HttpError(404, { error: 'not-found', message: 'not a WebSocket path' });
      app = appOf(req);
    } catch (err) {
      const e =
        err instanceof HttpError
          ? err
          : new HttpError(400, { error: 'invalid-message', message: 'bad upgrade' });
      refused({ status: e.status, error: e.body.error, path: (req.url ?? '').slice(0, 100), upgrade: true });
      const body = JSON.stringify(e.body);
      socket.end(
        `HTTP/1.1 ${e.status} ${e.body.error}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss!.handleUpgrade(req, socket, head, (ws) => connected(ws, app));
  }

  function connected(ws: WebSocket, app: string | undefined): void {
    clients.push(ws);
    // A reconnection takes over from the app's older connection, which may not have closed yet.
    if (app !== undefined) {
      apps.set(app, ws);
      named.add(ws);
    }
    log.info('desktop app connected', { clients: clients.length, app: app ?? null });
    reportStatus();
    const strays = rateLimit(WS_STRAY_RATE.perSecond, WS_STRAY_RATE.burst);
    /** A message that acks no pending write: fine within its rate (answered with `reply`), else the client is cut off. */
    const stray = (reply?: object) => {
      if (!strays.take() || ws.bufferedAmount > MAX_UNREAD_BYTES) {
        refused({ status: 1008, error: 'too-many-requests', path: `${API_PREFIX}/ws` });
        return cutOff(ws, 'too many messages that ack no write');
      }
      if (reply) ws.send(JSON.stringify(reply));
    };
    ws.on('message', (raw) => {
      if (ws.readyState !== ws.OPEN) return;
      let json: unknown;
      try {
        json = JSON.parse(String(raw));
      } catch (err) {
        return stray({ type: 'error', error: 'invalid-json', message: (err as Error).message });
      }
      const msg = ClientMessage.safeParse(json);
      if (!msg.success)
        return stray({
          type: 'error',
          error: 'invalid-message',
          message: 'expected {"type":"ack","writeId":"…"}',
          issues: issuesOf(msg.error),
        });
      // A late ack for a write that already timed out finds no waiter: its retry will be acked again.
      if (waiting.has(msg.data.writeId)) settle(msg.data.writeId);
      else stray();
    });
    ws.on('close', () => {
      clients.splice(clients.indexOf(ws), 1);
      if (app !== undefined && apps.get(app) === ws) apps.delete(app);
      for (const [writeId, w] of waiting)
        if (w.ws === ws) settle(writeId, new Error('the desktop app disconnected before acking'));
      log.info('desktop app disconnected', { clients: clients.length, app: app ?? null });
      reportStatus();
    });
    ws.on('error', (err) => log.warn('websocket error', { error: err }));
  }

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
      const srv = createServer((req, res) => void handle(req, res));
      srv.maxConnections = MAX_CONNECTIONS;
      srv.on('upgrade', upgrade);
      server = srv;
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(opts.port, HOST, () => resolve());
      });
      const address = srv.address();
      port = typeof address === 'object' && address ? address.port : opts.port;
      log.info('local integration API listening', { url: `http://${HOST}:${port}` });
      reportStatus();
    },
    async stop() {
      for (const writeId of [...waiting.keys()])
        settle(writeId, new Error(`stopped before write ${writeId} was acknowledged`));
      for (const ws of [...clients]) ws.terminate();
      wss?.close();
      const srv = server;
      server = undefined;
      if (srv) {
        srv.closeAllConnections();
        await new Promise<void>((resolve) => srv.close(() => resolve()));
      }
    },
    applyAttachedData(interactionId: string, data: AttachedData, writeId: string) {
      const ws = recipient(interactionId);
      if (ws instanceof Error) return Promise.reject(ws);
      const push: AttachedDataPush = { type: 'attached-data', interactionId, data, writeId };
      return new Promise<void>((resolve, reject) => {
        settle(writeId, new Error('superseded by a retry'));
        const timer = setTimeout(
          () => settle(writeId, new Error(`no ack for write ${writeId} within ${ackTimeoutMs} ms`)),
          ackTimeoutMs,
        );
        waiting.set(writeId, { resolve, reject, timer, ws });
        ws.send(JSON.stringify(push), (err) => err && settle(writeId, err));
      });
    },
  };
}
