// Per-session CometD transports. cometd-nodejs-client's adapt() installs one process-wide XMLHttpRequest with
// static agents (no private CA) and a per-host cookie jar, so two sessions on two nodes behind one balancer
// would mix their `BAYEUX_BROWSER` and `gcbSessionServer` cookies. Instead each session registers its own
// transports: long-polling sends through the controller's keep-alive HttpClient with the session's CookieJar;
// WebSocket opens its socket with the session's Cookie header (the stock transport sends no headers).
import * as cometdModule from 'cometd';
import { adapt } from 'cometd-nodejs-client';
import { WebSocket as NodeWebSocket } from 'ws';
import type { CookieJar } from './cookie-jar';
import type { HttpClient, NetworkFailure } from './http-client';

/** Why the last request of a session failed: lets handshake/join errors say "unreachable" vs "garbage". */
export type TransportFailure =
  | { kind: 'network'; failure: NetworkFailure }
  | { kind: 'http'; status: number; host: string }
  | { kind: 'garbage'; host: string };

export interface SessionIo {
  client: HttpClient;
  jar: CookieJar;
  onFailure(f: TransportFailure): void;
}

// Only the members of cometd's transport classes we use (their .d.ts does not declare the classes).
interface XhrPacket {
  url: string;
  body: string;
  /** cometd's `requestHeaders` configuration (e.g. the Workspace API's `x-api-key`). */
  headers?: Record<string, string>;
  onSuccess(text: string): void;
  onError(reason: string, exception?: unknown): void;
}
interface XhrLike {
  readyState: number;
  status: number;
  abort(): void;
}
type TransportBase = new () => cometdModule.Transport & {
  xhrSend(packet: XhrPacket): XhrLike;
  send(envelope: unknown, metaConnect: boolean): void;
};
const { LongPollingTransport, WebSocketTransport } = cometdModule as unknown as {
  LongPollingTransport: TransportBase;
  WebSocketTransport: TransportBase;
};

type CometWindow = { WebSocket?: unknown; XMLHttpRequest?: unknown };
const cometWindow = (): CometWindow => (globalThis as unknown as { window: CometWindow }).window;

/** cometd needs a `window` (timers, XMLHttpRequest constants); adapt() is process-wide, so once is enough. */
export function ensureCometdRuntime(): void {
  const w = (globalThis as unknown as { window?: CometWindow }).window;
  if (!w?.XMLHttpRequest) adapt();
}

function looksLikeBayeux(body: string): boolean {
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null;
  } catch {
    return false;
  }
}

export class SessionLongPollingTransport extends LongPollingTransport {
  constructor(private readonly io: SessionIo) {
    super();
  }

  override xhrSend(packet: XhrPacket): XhrLike {
    const host = new URL(packet.url).host;
    const xhr: XhrLike = { readyState: 1, status: 0, abort: () => pending.abort() };
    const pending = this.io.client.send(
      packet.url,
      {
        method: 'POST',
        headers: { ...packet.headers, 'Content-Type': 'application/json', Cookie: this.io.jar.header() },
        body: packet.body,
      },
      (err, reply) => {
        xhr.readyState = 4;
        if (err || !reply) {
          if (err && err.code !== 'ABORTED') this.io.onFailure({ kind: 'network', failure: err });
          packet.onError(err?.message ?? 'no reply', err);
          return;
        }
        this.io.jar.store(reply.headers['set-cookie']);
        xhr.status = reply.status;
        if (reply.status !== 200) {
          this.io.onFailure({ kind: 'http', status: reply.status, host });
          packet.onError(`HTTP ${reply.status}`);
        } else {
          if (!looksLikeBayeux(reply.body)) this.io.onFailure({ kind: 'garbage', host });
          packet.onSuccess(reply.body);
        }
      },
    );
    return xhr;
  }
}

/** How the WebSocket notices a path that went silent (no close, no reset): ping frames, not Bayeux messages. */
export interface PingPolicy {
  /** A ping every this often. */
  everyMs: number;
  /** No pong for this long: the socket is dropped, which cometd sees as a closed connection. */
  deadAfterMs: number;
}

export class SessionWebSocketTransport extends WebSocketTransport {
  constructor(
    private readonly io: SessionIo,
    private readonly ping: PingPolicy,
  ) {
    super();
  }

  // The stock transport creates its socket with `new window.WebSocket(url, protocol)` synchronously inside
  // send(); swapping in a class bound to this session for the duration of that call gives the upgrade
  // request this session's Cookie header without touching any other session (JS runs one call at a time).
  override send(envelope: unknown, metaConnect: boolean): void {
    const w = cometWindow();
    const previous = w.WebSocket;
    const cookie = this.io.jar.header();
    const { ping, io } = this;
    w.WebSocket = class extends NodeWebSocket {
      constructor(url: string, protocol?: string) {
        // The route the session's REST requests decided (proxy and trust); a warm keep-alive socket carries
        // the upgrade: no new connection (one round trip) per session.
        const route = io.client.routeFor(url);
        super(url, protocol ?? [], {
          headers: cookie ? { Cookie: cookie } : {},
          ...(route ? { agent: route.agent, secureContext: route.secureContext } : {}),
        });
        this.on('open', () => keepPinging(this, ping));
        // A network change or resume: this socket may be dead without knowing it; cometd reconnects at once.
        const unregister = io.client.network.onReset(() => this.terminate());
        this.on('close', unregister);
      }
    };
    try {
      super.send(envelope, metaConnect);
    } finally {
      w.WebSocket = previous;
    }
  }
}

function keepPinging(ws: NodeWebSocket, policy: PingPolicy): void {
  let lastPong = performance.now();
  ws.on('pong', () => (lastPong = performance.now()));
  const timer = setInterval(() => {
    // terminate(), not close(): a silent peer would never answer the closing handshake.
    if (performance.now() - lastPong > policy.deadAfterMs) ws.terminate();
    else ws.ping();
  }, policy.everyMs);
  timer.unref();
  ws.on('close', () => clearInterval(timer));
}
