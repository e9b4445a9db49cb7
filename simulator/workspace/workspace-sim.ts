// A Genesys Workspace API + Authentication API simulator, the subset the connector uses, over real HTTP and
// CometD (cometd-nodejs-server): PKCE sign-in with an auto-approving authorize page, token refresh and sign-out,
// initialize-workspace with the WORKSPACE_SESSIONID cookie, notifications (initialization, voice, media/chat),
// transcripts, and update-user-data. Tests (and the demo page, through routes.ts) drive chats and calls; fault
// modes: expired tokens, a dropped notification channel, 5xx on update-user-data.
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { CometDServer } from 'cometd-nodejs-server';
import { z } from 'zod';
import { createLogger, type Logger } from '../../common/logger';
import {
  SESSION_COOKIE,
  UpdateUserData,
  notificationChannels,
  type KvPair,
  type TranscriptMessage,
} from '../../common/workspace-wire';
import { cookieValue, readBody, sendJson } from '../http/io';

const require = createRequire(import.meta.url);
const { createCometDServer } = require('cometd-nodejs-server') as typeof import('cometd-nodejs-server');
const { AcknowledgedMessagesExtension } =
  require('cometd-nodejs-server/ack-extension') as typeof import('cometd-nodejs-server/ack-extension');

export type Sender = 'customer' | 'agent' | 'system';
const PARTICIPANT: Record<Sender, string> = { customer: 'Customer', agent: 'Agent', system: 'External' };

export interface SimChat {
  id: string;
  customerName: string;
  state: 'Invited' | 'Accepted' | 'Transferred' | 'Revoked' | 'Completed';
  queue: string;
  messages: (TranscriptMessage & { at: number })[];
  userData: Record<string, string>;
  /** Applied writes, one per operationId (a retried operation is acknowledged, not applied twice). */
  writes: { operationId: string; data: Record<string, string>; pairs: KvPair[] }[];
}

export interface SimCall {
  id: string;
  number: string;
  state: 'Ringing' | 'Established' | 'Released';
  userData: Record<string, string>;
  writes: SimChat['writes'];
}

interface Grant {
  access: string;
  refresh: string;
  expiresAt: number;
  revoked: boolean;
}

export interface WorkspaceSimOptions {
  /** The OAuth client id the authorize and token endpoints accept. Default `cobrowse-agent-shell`. */
  clientId?: string;
  /** Access-token lifetime. Default 3600 s. */
  tokenLifetimeS?: number;
  userName?: string;
  /** How long the server holds a notification long-poll. Default 10 s. */
  longPollMs?: number;
  log?: Logger;
}

export class WorkspaceSim {
  readonly chats = new Map<string, SimChat>();
  readonly calls = new Map<string, SimCall>();
  /** Counters for tests. */
  readonly counts = { updateRequests: 0, refreshes: 0, signOuts: 0, handshakes: 0 };
  readonly clientId: string;
  tokenLifetimeS: number;
  private readonly userName: string;
  private readonly log: Logger;
  private readonly grants = new Set<Grant>();
  private readonly codes = new Map<string, { challenge: string; redirectUri: string }>();
  /** WORKSPACE_SESSIONID → the grant it was initialized with. */
  private readonly sessions = new Map<string, Grant>();
  private readonly cometd: CometDServer;
  private readonly sockets = new Set<Socket>();
  private dropUntil = 0;
  private failUpdates = 0;
  private counter = 0;

  constructor(opts: WorkspaceSimOptions = {}) {
    this.clientId = opts.clientId ?? 'cobrowse-agent-shell';
    this.tokenLifetimeS = opts.tokenLifetimeS ?? 3600;
    this.userName = opts.userName ?? 'agent.ada';
    this.log = (opts.log ?? createLogger({ scope: 'sim' })).child('workspace');
    this.cometd = createCometDServer({ timeout: opts.longPollMs ?? 10_000 });
    // Acknowledged delivery: notifications flushed onto a connection that then dropped are sent again.
    this.cometd.addExtension(new AcknowledgedMessagesExtension());
    this.cometd.policy = {
      canHandshake: (_session, _message, callback) => {
        this.counts.handshakes += 1;
        callback(undefined, true);
      },
      canSubscribe: (session, _message, channel, callback) => {
        callback(undefined, true);
        setImmediate(() => {
          // Initialization completes at once here; a late subscriber still learns the outcome.
          if (channel.name === notificationChannels.initialization)
            session.deliver(null, channel.name, {
              state: 'Complete',
              data: { user: { userName: this.userName } },
            });
          // A new session recovers the agent's open interactions (states only, never old transcripts).
          if (channel.name === notificationChannels.chat)
            for (const chat of this.chats.values())
              if (chat.state === 'Accepted')
                session.deliver(null, channel.name, this.chatNotice(chat, 'InteractionRecovered'));
          if (channel.name === notificationChannels.voice)
            for (const call of this.calls.values())
              if (call.state === 'Established')
                session.deliver(null, channel.name, this.callNotice(call, 'CallRecovered'));
        });
      },
    };
  }

  // ---- driving: chats ----

  openChat(customerName = 'Customer'): string {
    const id = `chat-${(++this.counter).toString().padStart(4, '0')}-${randomBytes(4).toString('hex')}`;
    const chat: SimChat = {
      id,
      customerName,
      state: 'Invited',
      queue: 'Chat',
      messages: [],
      userData: {},
      writes: [],
    };
    this.chats.set(id, chat);
    this.chatState(chat); // the offer…
    chat.state = 'Accepted'; // …auto-accepted, as an agent in auto-answer would
    this.chatState(chat);
    this.append(chat, { type: 'ParticipantJoined', from: { type: 'Customer', nickname: customerName } });
    return id;
  }

  say(id: string, from: Sender, text: string): void {
    this.append(this.chat(id), { type: 'Text', from: { type: PARTICIPANT[from], nickname: from }, text });
  }

  transfer(id: string, to = 'Chat Tier 2'): void {
    const chat = this.chat(id);
    Object.assign(chat, { state: 'Transferred', queue: to });
    this.chatState(chat);
  }

  /** Interaction Server's handling timeout expired: the interaction is revoked from the agent. */
  handlingTimeout(id: string): void {
    const chat = this.chat(id);
    chat.state = 'Revoked';
    this.chatState(chat);
  }

  complete(id: string): void {
    const chat = this.chat(id);
    chat.state = 'Completed';
    this.chatState(chat);
  }

  chat(id: string): SimChat {
    const chat = this.chats.get(id);
    if (!chat) throw new RangeError(`no chat ${id}`);
    return chat;
  }

  // ---- driving: calls ----

  openCall(number = '+15550100'): string {
    const id = randomBytes(8).toString('hex');
    const call: SimCall = { id, number, state: 'Ringing', userData: {}, writes: [] };
    this.calls.set(id, call);
    this.callState(call, 'StateChange');
    call.state = 'Established';
    this.callState(call, 'StateChange');
    return id;
  }

  transferCall(id: string): void {
    const call = this.call(id);
    call.state = 'Released';
    this.callState(call, 'Transferred');
  }

  releaseCall(id: string): void {
    const call = this.call(id);
    call.state = 'Released';
    this.callState(call, 'StateChange');
  }

  call(id: string): SimCall {
    const call = this.calls.get(id);
    if (!call) throw new RangeError(`no call ${id}`);
    return call;
  }

  // ---- faults ----

  /** Every issued token expires now and refresh tokens stop working: the agent must sign in again. */
  expireTokens(): void {
    for (const g of this.grants) Object.assign(g, { expiresAt: 0, revoked: true });
  }

  /** Cuts every notification connection and refuses new ones (503) for `ms`. */
  dropNotifications(ms: number): void {
    this.dropUntil = Date.now() + ms;
    for (const s of this.sockets) s.destroy();
  }

  /** The next `n` update-user-data requests answer 503. */
  failUpdateUserData(n: number): void {
    this.failUpdates = n;
  }

  /** A valid access token, as if the agent had copied one from another tool (pasted-token sign-in). */
  issueToken(): string {
    return this.grant().access;
  }

  close(): void {
    for (const s of this.sockets) s.destroy();
    this.cometd.close();
  }

  // ---- HTTP ----

  /** Handles `/auth/v3/*` and `/workspace/v3/*`; false for anything else. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (path.startsWith('/auth/v3/')) {
      this.auth(req, res, path).catch((err: unknown) => this.failed(res, err));
      return true;
    }
    if (path === '/workspace/v3/notifications' || path.startsWith('/workspace/v3/notifications/')) {
      this.notifications(req, res);
      return true;
    }
    if (path.startsWith('/workspace/v3/')) {
      this.workspace(req, res, path).catch((err: unknown) => this.failed(res, err));
      return true;
    }
    return false;
  }

  private failed(res: ServerResponse, err: unknown): void {
    this.log.warn('request failed', { error: err });
    if (!res.headersSent)
      sendJson(res, 400, { status: { code: 400, message: String((err as Error).message) } });
  }

  private grant(): Grant {
    const g: Grant = {
      access: randomBytes(24).toString('base64url'),
      refresh: randomBytes(24).toString('base64url'),
      expiresAt: Date.now() + this.tokenLifetimeS * 1000,
      revoked: false,
    };
    this.grants.add(g);
    return g;
  }

  private tokenReply(res: ServerResponse, g: Grant): void {
    sendJson(res, 200, {
      access_token: g.access,
      token_type: 'bearer',
      refresh_token: g.refresh,
      expires_in: this.tokenLifetimeS,
    });
  }

  private async auth(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (path === '/auth/v3/oauth/authorize' && req.method === 'GET') {
      const q = Object.fromEntries(url.searchParams);
      const redirect = z.url({ protocol: /^http$/, hostname: /^127\.0\.0\.1$/ }).safeParse(q.redirect_uri);
      if (q.client_id !== this.clientId || !redirect.success || q.response_type !== 'code')
        return sendJson(res, 400, {
          error: 'invalid_request',
          error_description: 'unknown client or redirect',
        });
      if (q.code_challenge_method !== 'S256' || !q.code_challenge)
        return sendJson(res, 400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
      // The agent "signs in" at once: straight back to the app with a code.
      const code = randomBytes(16).toString('base64url');
      this.codes.set(code, { challenge: q.code_challenge, redirectUri: redirect.data });
      const back = new URL(redirect.data);
      back.searchParams.set('code', code);
      if (q.state) back.searchParams.set('state', q.state);
      res.writeHead(302, { Location: back.toString() }).end();
      return;
    }
    if (path === '/auth/v3/oauth/token' && req.method === 'POST') {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req, 8 * 1024)));
      const refuse = (why: string) => sendJson(res, 400, { error: 'invalid_grant', error_description: why });
      if (form.client_id !== this.clientId) return sendJson(res, 401, { error: 'invalid_client' });
      if (form.grant_type === 'authorization_code') {
        const pending = this.codes.get(form.code ?? '');
        this.codes.delete(form.code ?? '');
        if (!pending || pending.redirectUri !== form.redirect_uri) return refuse('unknown code');
        const challenge = createHash('sha256')
          .update(form.code_verifier ?? '')
          .digest('base64url');
        if (challenge !== pending.challenge) return refuse('PKCE verifier does not match');
        return this.tokenReply(res, this.grant());
      }
      if (form.grant_type === 'refresh_token') {
        const g = [...this.grants].find((x) => x.refresh === form.refresh_token && !x.revoked);
        if (!g) return refuse('refresh token revoked or unknown');
        this.counts.refreshes += 1;
        Object.assign(g, {
          access: randomBytes(24).toString('base64url'),
          expiresAt: Date.now() + this.tokenLifetimeS * 1000,
        });
        return this.tokenReply(res, g);
      }
      return sendJson(res, 400, { error: 'unsupported_grant_type' });
    }
    if (path === '/auth/v3/sign-out' && req.method === 'POST') {
      const g = this.bearer(req);
      if (g) g.revoked = true;
      this.counts.signOuts += 1;
      return sendJson(res, 200, { status: { code: 0 } });
    }
    sendJson(res, 404, { error: 'not_found' });
  }

  private bearer(req: IncomingMessage): Grant | undefined {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    return [...this.grants].find((g) => g.access === token);
  }

  private live(g: Grant | undefined): g is Grant {
    return !!g && !g.revoked && g.expiresAt > Date.now();
  }

  /** The request's Workspace session, if its grant is still good. */
  private session(req: IncomingMessage): Grant | undefined {
    const g = this.sessions.get(cookieValue(req.headers.cookie, SESSION_COOKIE) ?? '');
    return this.live(g) ? g : undefined;
  }

  private notifications(req: IncomingMessage, res: ServerResponse): void {
    if (Date.now() < this.dropUntil) {
      req.socket.destroy();
      return;
    }
    if (!this.session(req)) {
      req.resume();
      return sendJson(res, 401, { status: { code: 401, message: 'no valid Workspace session' } });
    }
    const socket = req.socket;
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    this.cometd.handle(req, res);
  }

  private async workspace(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const ok = { status: { code: 0 } };
    if (path === '/workspace/v3/initialize-workspace' && req.method === 'POST') {
      const g = this.bearer(req);
      if (!this.live(g))
        return sendJson(res, 401, { status: { code: 401, message: 'invalid or expired token' } });
      const id = randomBytes(16).toString('hex');
      this.sessions.set(id, g);
      return sendJson(res, 200, ok, { 'Set-Cookie': `${SESSION_COOKIE}=${id}; Path=/; HttpOnly` });
    }
    if (!this.session(req)) {
      req.resume();
      return sendJson(res, 401, { status: { code: 401, message: 'no valid Workspace session' } });
    }
    const media = /^\/workspace\/v3\/media\/chat\/interactions\/([^/]+)\/(update-user-data|messages)$/.exec(
      path,
    );
    const voice = /^\/workspace\/v3\/voice\/calls\/([^/]+)\/update-user-data$/.exec(path);
    if (media?.[2] === 'messages' && req.method === 'GET') {
      const chat = this.chats.get(decodeURIComponent(media[1]!));
      if (!chat) return sendJson(res, 404, { status: { code: 404, message: 'no such interaction' } });
      return sendJson(res, 200, { ...ok, data: { messages: chat.messages.map(({ at: _at, ...m }) => m) } });
    }
    if ((media?.[2] === 'update-user-data' || voice) && req.method === 'POST') {
      this.counts.updateRequests += 1;
      const body = UpdateUserData.parse(JSON.parse(await readBody(req, 32 * 1024)));
      if (this.failUpdates > 0) {
        this.failUpdates -= 1;
        return sendJson(res, 503, { status: { code: 503, message: 'Interaction Server unavailable' } });
      }
      const id = decodeURIComponent((media ?? voice)![1]!);
      const target = media ? this.chats.get(id) : this.calls.get(id);
      if (!target) return sendJson(res, 404, { status: { code: 404, message: 'no such interaction' } });
      const operationId = body.operationId ?? randomBytes(8).toString('hex');
      if (!target.writes.some((w) => w.operationId === operationId)) {
        const data = Object.fromEntries(body.data.userData.map((p) => [p.key, String(p.value)]));
        Object.assign(target.userData, data);
        target.writes.push({ operationId, data, pairs: body.data.userData });
      }
      return sendJson(res, 200, ok);
    }
    sendJson(res, 404, { status: { code: 404, message: `no route ${path}` } });
  }

  // ---- notifications ----

  private publish(channel: string, data: unknown): void {
    const ch = this.cometd.getServerChannel(channel);
    ch?.publish(null, data);
  }

  private chatState(chat: SimChat): void {
    this.publish(notificationChannels.chat, this.chatNotice(chat, 'StatusChange'));
  }

  private chatNotice(chat: SimChat, notificationType: string) {
    return {
      messageType: 'InteractionStateChanged',
      notificationType,
      interaction: {
        id: chat.id,
        mediatype: 'chat',
        state: chat.state,
        queue: chat.queue,
        userData: [{ key: 'FirstName', type: 'str', value: chat.customerName }],
        chat: { participants: [{ type: 'Customer', nickname: chat.customerName }] },
      },
    };
  }

  private append(
    chat: SimChat,
    m: { type: string; from: { type: string; nickname: string }; text?: string },
  ): void {
    const message = { ...m, index: chat.messages.length + 1, at: Date.now() };
    chat.messages.push(message);
    const { at: _at, ...wire } = message;
    this.publish(notificationChannels.chat, {
      messageType: 'MessageLogUpdated',
      notificationType: 'NewMessages',
      interactionId: chat.id,
      messages: [wire],
    });
  }

  private callState(call: SimCall, notificationType: string): void {
    this.publish(notificationChannels.voice, this.callNotice(call, notificationType));
  }

  private callNotice(call: SimCall, notificationType: string) {
    return {
      messageType: 'CallStateChanged',
      notificationType,
      call: { id: call.id, state: call.state, participants: [{ number: call.number }] },
    };
  }
}
