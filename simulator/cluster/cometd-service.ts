// A node's CometD endpoint: cometd-nodejs-server with the session service channels of protocol.md, over
// long-polling and WebSocket. Every request is answered on its own channel, errors as `{error, message}`;
// nothing a client sends can throw out of here.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CometDServer, ServerMessage, ServerSession } from 'cometd-nodejs-server';
import { z } from 'zod';
import {
  ActivatedNotification,
  channels,
  CreateReply,
  CreateRequest,
  DeactivatedNotification,
  EmptyReply,
  JoinedNotification,
  JoinReply,
  JoinRequest,
  UserTokenRequest,
  type CometErrorCode,
} from '../../common/protocol';
import type { Logger } from '../../common/logger';
import { BodyTooLarge, cookieValue, readBody } from '../http/io';
import { MIRROR_DATA_BYTES, MIRROR_PREFIX } from './mirror-protocol';
import { MirrorRelay } from './mirror-relay';
import { stickyCookieHeader } from './sticky-cookie';
import type { Notice, Outcome, SessionStore } from './session-store';

// cometd-nodejs-server is CommonJS whose exports Node's ESM loader cannot detect statically.
const { createCometDServer } = createRequire(import.meta.url)(
  'cometd-nodejs-server',
) as typeof import('cometd-nodejs-server');

/** Limits: a whole HTTP body of Bayeux messages, and the `data` of one service message. */
export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_DATA_BYTES = 4 * 1024; // under the cometd client's own 8 KB message cap
/** cometd-nodejs-server's browser cookie (its `browserCookieName` default). */
const BROWSER_COOKIE = 'BAYEUX_BROWSER';

// A Bayeux batch as this server accepts it: concrete channel names only (no wildcards), bounded count.
const ChannelName = z
  .string()
  .max(200)
  .regex(/^\/[A-Za-z0-9_.~-]+(\/[A-Za-z0-9_.~-]+)*$/, 'a concrete channel name');
const BayeuxMessage = z.looseObject({ channel: ChannelName });
const BayeuxBatch = z
  .union([z.array(BayeuxMessage).min(1).max(50), BayeuxMessage])
  .transform((m) => (Array.isArray(m) ? m : [m]));

const noticeSchemas: Record<string, z.ZodType> = {
  [channels.joined]: JoinedNotification,
  [channels.activated]: ActivatedNotification,
  [channels.deactivated]: DeactivatedNotification,
};

/**
 * The join reply as the Genesys docs' example has it: the caller's `userId` a number while `users[].userId`
 * are strings, no name for the controller, and a history id that is not a UUID (stable per session).
 */
export function docsJoinReply(reply: JoinReply): unknown {
  const numeric = (id: string) => id.replace(/\D/g, '');
  return {
    ...reply,
    userId: Number(numeric(reply.userId)),
    users: reply.users.map((u) => ({
      userId: numeric(u.userId),
      role: u.role,
      ...(u.role === 3 || u.name === undefined ? {} : { name: u.name }),
    })),
    sessionHistoryId: `h${reply.sessionHistoryId.replace(/-/g, '').slice(0, 10)}`,
  };
}

export interface BayeuxBatchEntry {
  node: string;
  transport: 'long-polling' | 'websocket';
  channels: string[];
}

export interface CometdService {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Bayeux over WebSocket on the same endpoint (upgrade routed here by the balancer's cookie). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  send(notices: Notice[]): void;
  close(): void;
}

export function createCometdService(opts: {
  node: string;
  store: SessionStore;
  logger: Logger;
  /** Join replies shaped like the Genesys docs' example (see `docsJoinReply`). */
  docsExamples?: boolean;
  /** How long a /meta/connect is held (the server's advised timeout); CometD's default is 30 s. */
  longPollTimeoutMs?: number;
  /** Told of every Bayeux batch received (an HTTP request, or a WebSocket frame): what a client costs. */
  onBatch?: (batch: BayeuxBatchEntry) => void;
}): CometdService {
  const { node, store, logger } = opts;
  const server: CometDServer = createCometDServer({
    // The demo opens the customer page and slave.html as tabs of one browser (one BAYEUX_BROWSER cookie);
    // the default of 1 long-poll per browser would slow the second tab to polling every 2 s.
    maxSessionsPerBrowser: 4,
    browserCookiePath: '/cobrowse',
    ...(opts.longPollTimeoutMs !== undefined ? { timeout: opts.longPollTimeoutMs } : {}),
  });

  const mirror = new MirrorRelay(store, logger.child('mirror'));
  const send = (notices: Notice[]) => {
    for (const n of notices) {
      const data = noticeSchemas[n.channel]?.parse(n.data) ?? n.data;
      for (const clientId of n.to) server.getServerSession(clientId)?.deliver(null, n.channel, data);
    }
  };

  const refuse = (session: ServerSession, channel: string, error: CometErrorCode, message: string) => {
    logger.warn('request refused', { channel, error, message });
    session.deliver(null, channel, { error, message });
  };

  function dispatch(session: ServerSession, message: ServerMessage): void {
    const channel = message.channel;
    const reply = (schema: z.ZodType, data: unknown) => session.deliver(null, channel, schema.parse(data));
    const parse = <T extends z.ZodType>(schema: T): z.infer<T> | undefined => {
      const r = schema.safeParse(message.data ?? {});
      if (r.success) return r.data;
      refuse(session, channel, 'invalid-request', z.prettifyError(r.error));
      return undefined;
    };
    const conclude = (outcome: Outcome<unknown>, schema: z.ZodType, data: unknown) => {
      if (!outcome.ok) return refuse(session, channel, outcome.error, outcome.message);
      reply(schema, data);
      send(outcome.notices);
    };

    const isMirror = channel.startsWith(MIRROR_PREFIX);
    const maxData = isMirror ? MIRROR_DATA_BYTES : MAX_DATA_BYTES;
    if (JSON.stringify(message.data ?? null).length > maxData)
      return refuse(session, channel, 'invalid-request', `message data exceeds ${maxData} bytes`);
    if (isMirror) {
      const outcome = mirror.handle(channel, message.data);
      if (!outcome.ok) return refuse(session, channel, outcome.error, outcome.message);
      if (outcome.reply !== undefined) session.deliver(null, channel, outcome.reply);
      return send(outcome.notices);
    }
    switch (channel) {
      case channels.create: {
        if (!parse(CreateRequest)) return;
        const { sessionToken } = store.create();
        server.context.response?.setHeader('Set-Cookie', stickyCookieHeader(node));
        return reply(CreateReply, { sessionToken });
      }
      case channels.join: {
        const req = parse(JoinRequest);
        if (!req) return;
        const outcome = store.join(req, session.id);
        if (outcome.ok && opts.docsExamples) {
          session.deliver(null, channel, docsJoinReply(outcome.value));
          return send(outcome.notices);
        }
        return conclude(outcome, JoinReply, outcome.ok ? outcome.value : undefined);
      }
      case channels.exit:
      case channels.stop: {
        const req = parse(UserTokenRequest);
        if (!req) return;
        const outcome = channel === channels.exit ? store.exit(req.userToken) : store.stop(req.userToken);
        return conclude(outcome, EmptyReply, {});
      }
      case channels.joined:
      case channels.activated:
      case channels.deactivated:
        return refuse(session, channel, 'invalid-request', `${channel} is sent by the server only`);
      default:
        return refuse(session, channel, 'invalid-request', `unknown channel ${channel}`);
    }
  }

  server
    .createServerChannel('/service/**')
    .addListener(
      'message',
      (session: ServerSession, _wild: unknown, message: ServerMessage, done: () => void) => {
        try {
          dispatch(session, message);
        } catch (err) {
          logger.error('service message failed', { channel: message.channel, err });
          refuse(session, message.channel, 'invalid-request', 'the server could not handle this message');
        }
        done();
      },
    );

  server.policy = {
    // Only the service channels exist here; broadcast channels are refused with a reply on that channel.
    canPublish: (session, message, channel, callback) => {
      if (!channel.service)
        refuse(session, message.channel, 'invalid-request', `unknown channel ${channel.name}`);
      callback(undefined, channel.service);
    },
    canSubscribe: (_session, _message, channel, callback) => {
      if (!channel.service) logger.warn('subscription refused', { channel: channel.name });
      callback(undefined, channel.service);
    },
  };

  server.addExtension({
    incoming: (_server, session, message, callback) => {
      if (session && !message.channel?.startsWith('/meta/')) store.touchClient(session.id);
      callback(undefined, true);
    },
  });
  server.addListener('sessionRemoved', (session: ServerSession) => store.removeClient(session.id));
  // cometd-nodejs-server only knows long-polling; this node also carries Bayeux over WebSocket (below), so
  // its handshake offers both, WebSocket first as CometD servers do.
  server.addExtension({
    outgoing: (_server, _sender, _session, message, callback) => {
      if (message.channel === '/meta/handshake' && message.successful)
        message.supportedConnectionTypes = ['websocket', 'long-polling'];
      callback(undefined, true);
    },
  });

  const parseBatch = (
    text: string,
    transport: BayeuxBatchEntry['transport'],
  ): ServerMessage[] | undefined => {
    try {
      const batch = BayeuxBatch.parse(JSON.parse(text)) as ServerMessage[];
      opts.onBatch?.({ node, transport, channels: batch.map((m) => m.channel) });
      return batch;
    } catch (err) {
      logger.warn('malformed Bayeux request', {
        err: err instanceof z.ZodError ? z.prettifyError(err) : err,
      });
      return undefined;
    }
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });

  return {
    send,
    close: () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.close();
    },
    upgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => carryOverWebSocket(ws, req.headers.cookie ?? ''));
    },
    handle(req, res) {
      readBody(req, MAX_BODY_BYTES).then(
        (text) => {
          const messages = parseBatch(text, 'long-polling');
          if (!messages) return refuseHttp(res, 400, 'malformed Bayeux message');
          // cometd-nodejs-server takes a pre-parsed body as-is; it trusts it, hence the checks above.
          (req as IncomingMessage & { body?: unknown }).body = messages;
          server.handle(req, res);
        },
        (err: unknown) => {
          logger.warn('Bayeux request refused', { err });
          refuseHttp(res, err instanceof BodyTooLarge ? 413 : 400, String(err));
        },
      );
    },
  };

  /**
   * Each WebSocket frame is one Bayeux batch, handed to cometd-nodejs-server's (only) transport as a request
   * of its own whose reply goes back as a frame: a held /meta/connect answers when messages arrive or its
   * timeout passes, exactly as over long-polling. The upgrade's cookies (BAYEUX_BROWSER, gcbSessionServer)
   * stand for every frame, plus the browser cookie the handshake sets.
   */
  function carryOverWebSocket(ws: WebSocket, upgradeCookie: string): void {
    let cookie = upgradeCookie;
    const socket = { destroyed: false };
    ws.on('close', () => (socket.destroyed = true));
    ws.on('error', (err) => logger.warn('WebSocket failed', { err }));
    ws.on('message', (data, isBinary) => {
      const messages = isBinary ? undefined : parseBatch(String(data), 'websocket');
      if (!messages) return ws.close(1003, 'malformed Bayeux message');
      // A client reconnecting on a new socket has no browser cookie on its upgrade (the handshake set it on
      // the old socket's frames): CometD servers know the client by its clientId, so find its browser by that.
      const clientId = messages[0]?.clientId;
      const known = clientId && server.getServerSession(clientId);
      if (known && cookieValue(cookie, BROWSER_COOKIE) === undefined)
        cookie = [
          cookie,
          `${BROWSER_COOKIE}=${(known as ServerSession & { _browserId?: string })._browserId}`,
        ]
          .filter(Boolean)
          .join('; ');
      const req = Object.assign(new EventEmitter(), {
        method: 'POST',
        headers: { cookie },
        body: messages,
      });
      const res = Object.assign(new EventEmitter(), {
        statusCode: 200,
        socket,
        setHeader(name: string, value: string) {
          // The handshake's Set-Cookie: later frames carry it as a browser would on its next request.
          if (name.toLowerCase() === 'set-cookie')
            cookie = [cookie, value.split(';', 1)[0]].filter(Boolean).join('; ');
        },
        end(content?: string) {
          if (content && !socket.destroyed) ws.send(content);
          else if (!socket.destroyed) ws.close(1011, `Bayeux request failed (${res.statusCode})`);
          setImmediate(() => res.emit('finish'));
        },
      });
      server.handle(req as unknown as IncomingMessage, res as unknown as ServerResponse);
    });
  }
}

function refuseHttp(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end(text);
}
