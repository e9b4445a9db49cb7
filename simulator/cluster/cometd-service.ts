// A node's CometD endpoint: cometd-nodejs-server with the session service channels of protocol.md, over
// long-polling and WebSocket (cometd-websocket.ts). Every request is answered on its own channel, errors as
// `{error, message}`; nothing a client sends can throw out of here.
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
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
import { BodyTooLarge, readBody } from '../http/io';
import { batchParser, MAX_BODY_BYTES, type BayeuxBatchEntry } from './bayeux-batch';
import { ClientExpiry, watchRequest } from './client-expiry';
import { CometdWebSocket } from './cometd-websocket';
import { docsJoinReply } from './docs-examples';
import { MIRROR_DATA_BYTES, MIRROR_PREFIX } from './mirror-protocol';
import { MirrorRelay } from './mirror-relay';
import { stickyCookieHeader } from './sticky-cookie';
import type { Notice, Outcome, SessionStore } from './session-store';

// cometd-nodejs-server is CommonJS whose exports Node's ESM loader cannot detect statically.
const { createCometDServer } = createRequire(import.meta.url)(
  'cometd-nodejs-server',
) as typeof import('cometd-nodejs-server');

/** The limit on the `data` of one service message. */
export const MAX_DATA_BYTES = 4 * 1024; // under the cometd client's own 8 KB message cap

const noticeSchemas: Record<string, z.ZodType> = {
  [channels.joined]: JoinedNotification,
  [channels.activated]: ActivatedNotification,
  [channels.deactivated]: DeactivatedNotification,
};

export interface CometdService {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Bayeux over WebSocket on the same endpoint (upgrade routed here by the balancer's cookie). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  send(notices: Notice[]): void;
  close(): void;
}

export interface CometdServiceOptions {
  node: string;
  store: SessionStore;
  logger: Logger;
  /** Join replies shaped like the Genesys docs' example (see `docsJoinReply`). */
  docsExamples?: boolean;
  /** How long a /meta/connect is held (the server's advised timeout); CometD's default is 30 s. */
  longPollTimeoutMs?: number;
  /** Told of every Bayeux batch received (an HTTP request, or a WebSocket frame): what a client costs. */
  onBatch?: (batch: BayeuxBatchEntry) => void;
}

type Refuse = (session: ServerSession, channel: string, error: CometErrorCode, message: string) => void;

/** What the service channels work with: the options (node, store), the server and the mirror relay. */
interface ServiceDeps {
  opts: CometdServiceOptions;
  server: CometDServer;
  mirror: MirrorRelay;
  send: (notices: Notice[]) => void;
  refuse: Refuse;
}

export function createCometdService(opts: CometdServiceOptions): CometdService {
  const { node, logger } = opts;
  const server: CometDServer = createCometDServer({
    // The demo opens the customer page and slave.html as tabs of one browser (one BAYEUX_BROWSER cookie);
    // the default of 1 long-poll per browser would slow the second tab to polling every 2 s.
    maxSessionsPerBrowser: 4,
    browserCookiePath: '/cobrowse',
    ...(opts.longPollTimeoutMs !== undefined ? { timeout: opts.longPollTimeoutMs } : {}),
  });
  const send = (notices: Notice[]) => {
    for (const n of notices) {
      const data = noticeSchemas[n.channel]?.parse(n.data) ?? n.data;
      for (const clientId of n.to) server.getServerSession(clientId)?.deliver(null, n.channel, data);
    }
  };
  const refuse: Refuse = (session, channel, error, message) => {
    logger.warn('request refused', { channel, error, message });
    session.deliver(null, channel, { error, message });
  };
  const deps: ServiceDeps = {
    opts,
    server,
    mirror: new MirrorRelay(opts.store, logger.child('mirror')),
    send,
    refuse,
  };
  configure(deps);
  const parseBatch = batchParser(node, logger, opts.onBatch);
  const expiry = new ClientExpiry(server, logger);
  const webSocket = new CometdWebSocket(server, parseBatch, logger, expiry);

  return {
    send,
    close: () => {
      webSocket.close();
      server.close();
    },
    upgrade: (req, socket, head) => webSocket.upgrade(req, socket, head),
    handle(req, res) {
      readBody(req, MAX_BODY_BYTES).then(
        (text) => {
          const messages = parseBatch(text, 'long-polling');
          if (!messages) return refuseHttp(res, 400, 'malformed Bayeux message');
          watchRequest(expiry, messages, res);
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
}

/** The service channels' listener, the channel policy and the extensions, on the node's server. */
function configure(deps: ServiceDeps): void {
  const { server, refuse, opts } = deps;
  const { store, logger } = opts;
  server
    .createServerChannel('/service/**')
    .addListener(
      'message',
      (session: ServerSession, _wild: unknown, message: ServerMessage, done: () => void) => {
        try {
          dispatch(deps, session, message);
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
  // cometd-nodejs-server only knows long-polling; this node also carries Bayeux over WebSocket, so its
  // handshake offers both, WebSocket first as CometD servers do.
  server.addExtension({
    outgoing: (_server, _sender, _session, message, callback) => {
      if (message.channel === '/meta/handshake' && message.successful)
        message.supportedConnectionTypes = ['websocket', 'long-polling'];
      callback(undefined, true);
    },
  });
}

/** One service message, answered on its own channel: bounded, then to the mirror relay or the session. */
function dispatch(deps: ServiceDeps, session: ServerSession, message: ServerMessage): void {
  const { mirror, send, refuse } = deps;
  const channel = message.channel;
  const isMirror = channel.startsWith(MIRROR_PREFIX);
  const maxData = isMirror ? MIRROR_DATA_BYTES : MAX_DATA_BYTES;
  if (JSON.stringify(message.data ?? null).length > maxData)
    return refuse(session, channel, 'invalid-request', `message data exceeds ${maxData} bytes`);
  if (!isMirror) return answerSession(deps, session, message);
  const outcome = mirror.handle(channel, message.data);
  if (!outcome.ok) return refuse(session, channel, outcome.error, outcome.message);
  if (outcome.reply !== undefined) session.deliver(null, channel, outcome.reply);
  send(outcome.notices);
}

/** The session channels of protocol.md: create, join, exit, stop; the notification channels are refused. */
function answerSession(deps: ServiceDeps, session: ServerSession, message: ServerMessage): void {
  const { opts, server, send, refuse } = deps;
  const { store } = opts;
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
  switch (channel) {
    case channels.create: {
      if (!parse(CreateRequest)) return;
      const { sessionToken } = store.create();
      server.context.response?.setHeader('Set-Cookie', stickyCookieHeader(opts.node));
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

function refuseHttp(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end(text);
}
