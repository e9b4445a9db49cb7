// Workspace sessions (the WORKSPACE_SESSIONID cookie initialize-workspace sets) and their notification channel:
// CometD long-polling with acknowledged delivery, the initialization notice to each new session, and voice and
// chat notices only to sessions that activated their channels (Genesys: activate-channels first).
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { CometDServer, ServerSession } from 'cometd-nodejs-server';
import { notificationChannels, SESSION_COOKIE } from '../../common/workspace-wire';
import { cookieValue, sendJson } from '../http/io';
import type { Notice } from './user-data';

// Not `require`: electron-vite's ESM shim declares a top-level `require` in the main bundle (electron-vite#921).
const requireCjs = createRequire(import.meta.url);
const { createCometDServer } = requireCjs('cometd-nodejs-server') as typeof import('cometd-nodejs-server');
const { AcknowledgedMessagesExtension } = requireCjs(
  'cometd-nodejs-server/ack-extension',
) as typeof import('cometd-nodejs-server/ack-extension');

export interface Session {
  valid: boolean;
  activated: boolean;
  cometd: ServerSession | undefined;
}

export interface SessionsOptions {
  /** How long the server holds a notification long-poll. */
  longPollMs: number;
  /** The `data.user` of WorkspaceInitializationComplete. */
  user: unknown;
  onHandshake(): void;
}

export class WorkspaceSessions {
  /** WORKSPACE_SESSIONID → the session. */
  private readonly byId = new Map<string, Session>();
  private readonly cometd: CometDServer;
  private readonly sockets = new Set<Socket>();

  constructor(opts: SessionsOptions) {
    this.cometd = createCometDServer({ timeout: opts.longPollMs });
    // Acknowledged delivery: notifications flushed onto a connection that then dropped are sent again.
    this.cometd.addExtension(new AcknowledgedMessagesExtension());
    this.cometd.policy = {
      canHandshake: (session, _message, callback) => {
        opts.onHandshake();
        const ws = this.of(this.cometd.context.request as IncomingMessage);
        if (ws) ws.cometd = session;
        callback(undefined, !!ws);
      },
      canSubscribe: (session, _message, channel, callback) => {
        callback(undefined, true);
        // As Genesys's simulator: the initialization progress, then Complete with the agent, to each new session.
        if (channel.name === notificationChannels.initialization)
          setImmediate(() => {
            session.deliver(null, channel.name, {
              messageType: 'WorkspaceInitializationProgress',
              state: 'Executing',
            });
            session.deliver(null, channel.name, {
              messageType: 'WorkspaceInitializationComplete',
              state: 'Complete',
              data: { user: opts.user },
            });
          });
      },
    };
  }

  /** A new session; answers its cookie value. */
  open(): string {
    const id = randomBytes(16).toString('hex');
    this.byId.set(id, { valid: true, activated: false, cometd: undefined });
    return id;
  }

  /** The request's Workspace session, if it is still good. */
  of(req: IncomingMessage): Session | undefined {
    const s = this.byId.get(cookieValue(req.headers.cookie, SESSION_COOKIE) ?? '');
    return s?.valid ? s : undefined;
  }

  expireAll(): void {
    for (const s of this.byId.values()) s.valid = false;
  }

  /** A CometD request (`/workspace/v3/notifications…`): only a valid session's. */
  serve(req: IncomingMessage, res: ServerResponse): void {
    if (!this.of(req)) {
      req.resume();
      return sendJson(res, 401, { status: { code: 401, message: 'no valid Workspace session' } });
    }
    const socket = req.socket;
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    this.cometd.handle(req, res);
  }

  /** To every session that activated its channels. */
  deliver(channel: string, data: unknown): void {
    for (const s of this.byId.values())
      if (s.valid && s.activated && s.cometd) s.cometd.deliver(null, channel, data);
  }

  /** To one session (what it learns when it activates). */
  deliverTo(session: Session, notices: Notice[]): void {
    for (const n of notices) session.cometd?.deliver(null, n.channel, n.data);
  }

  /** Cuts every notification connection. */
  cutConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  close(): void {
    this.cutConnections();
    this.cometd.close();
  }
}
