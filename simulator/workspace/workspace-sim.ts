// A Genesys Workspace API simulator, the subset the connector uses, telling the story Genesys's own simulator
// (agent-api-simulator) and clients tell, over real HTTP and CometD (cometd-nodejs-server): `x-api-key`
// required on every API call and long-poll, the WWE sign-in (auth-sim.ts) redeemed by initialize-workspace,
// the WORKSPACE_SESSIONID cookie, the initialization notice, activate-channels before any voice or chat event,
// current-session, transcripts, update-user-data, logout. Chats: Invited → Processing → Completed (a transfer
// too is Completed for this agent); calls: Ringing → Established → Released, a two-step transfer through a
// consult call (parentConnId). Tests (and the demo page, through routes.ts) drive it; fault modes: expired
// sessions, a dropped notification channel, 5xx on update-user-data.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { CometDServer, ServerSession } from 'cometd-nodejs-server';
import { createLogger, type Logger } from '../../common/logger';
import {
  API_KEY_HEADER,
  ActivateChannels,
  SESSION_COOKIE,
  UpdateUserData,
  notificationChannels,
  type KvPair,
  type TranscriptMessage,
} from '../../common/workspace-wire';
import { cookieValue, readBody, sendJson } from '../http/io';
import { WorkspaceAuthSim } from './auth-sim';
import { requestUrl } from '../../common/request-path';

// Not `require`: electron-vite's ESM shim declares a top-level `require` in the main bundle (electron-vite#921).
const requireCjs = createRequire(import.meta.url);
const { createCometDServer } = requireCjs('cometd-nodejs-server') as typeof import('cometd-nodejs-server');
const { AcknowledgedMessagesExtension } = requireCjs(
  'cometd-nodejs-server/ack-extension',
) as typeof import('cometd-nodejs-server/ack-extension');

export type Sender = 'customer' | 'agent' | 'system';
const PARTICIPANT: Record<Sender, string> = { customer: 'Customer', agent: 'Agent', system: 'External' };

export interface SimChat {
  id: string;
  customerName: string;
  state: 'Invited' | 'Processing' | 'Completed';
  queue: string;
  messages: (TranscriptMessage & { at: number })[];
  userData: Record<string, string>;
  /** Applied writes, one per operationId (a retried operation is acknowledged, not applied twice). */
  writes: { operationId: string; data: Record<string, string>; pairs: KvPair[] }[];
}

export interface SimCall {
  id: string;
  number: string;
  state: 'Ringing' | 'Dialing' | 'Established' | 'Held' | 'Released' | 'Completed';
  callType: 'Inbound' | 'Consult';
  parentConnId?: string;
  userData: Record<string, string>;
  writes: SimChat['writes'];
}

/** The agent as initialization and current-session describe it (agents.yaml of Genesys's simulator). */
export interface SimAgent {
  userName: string;
  employeeId: string;
  agentLogin: string;
  defaultPlace: string;
}

interface Session {
  valid: boolean;
  activated: boolean;
  cometd: ServerSession | undefined;
}

export interface WorkspaceSimOptions {
  /** The OAuth client id the authorize page accepts. Default `cobrowse-agent-shell`. */
  clientId?: string;
  /** The `x-api-key` every API call must carry. Default `demo-api-key`. */
  apiKey?: string;
  agent?: Partial<SimAgent>;
  /** How long the server holds a notification long-poll. Default 10 s. */
  longPollMs?: number;
  log?: Logger;
}

export class WorkspaceSim {
  readonly chats = new Map<string, SimChat>();
  readonly calls = new Map<string, SimCall>();
  /** Counters for tests. */
  readonly counts = { updateRequests: 0, handshakes: 0, activations: 0, logouts: 0, missingKey: 0 };
  readonly auth: WorkspaceAuthSim;
  readonly apiKey: string;
  readonly agent: SimAgent;
  /** The body of the last activate-channels. */
  lastActivation: ActivateChannels['data'] | undefined;
  private readonly log: Logger;
  /** WORKSPACE_SESSIONID → the session. */
  private readonly sessions = new Map<string, Session>();
  private readonly cometd: CometDServer;
  private readonly sockets = new Set<Socket>();
  private dropUntil = 0;
  private failUpdates = 0;
  private counter = 0;

  constructor(opts: WorkspaceSimOptions = {}) {
    this.auth = new WorkspaceAuthSim(opts.clientId ?? 'cobrowse-agent-shell');
    this.apiKey = opts.apiKey ?? 'demo-api-key';
    this.agent = {
      userName: 'agent.ada',
      employeeId: 'agent.ada',
      agentLogin: '+15550199',
      defaultPlace: 'Place_Ada',
      ...opts.agent,
    };
    this.log = (opts.log ?? createLogger({ scope: 'sim' })).child('workspace');
    this.cometd = createCometDServer({ timeout: opts.longPollMs ?? 10_000 });
    // Acknowledged delivery: notifications flushed onto a connection that then dropped are sent again.
    this.cometd.addExtension(new AcknowledgedMessagesExtension());
    this.cometd.policy = {
      canHandshake: (session, _message, callback) => {
        this.counts.handshakes += 1;
        const ws = this.sessionOf(this.cometd.context.request as IncomingMessage);
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
              data: { user: this.agent },
            });
          });
      },
    };
  }

  /** The client id the sign-in accepts (the demo passes it to the app). */
  get clientId(): string {
    return this.auth.clientId;
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
    chat.state = 'Processing'; // …accepted, as an agent in auto-answer would
    this.chatState(chat);
    this.append(chat, { type: 'ParticipantJoined', from: { type: 'Customer', nickname: customerName } });
    return id;
  }

  say(id: string, from: Sender, text: string): void {
    this.append(this.chat(id), { type: 'Text', from: { type: PARTICIPANT[from], nickname: from }, text });
  }

  /** The agent transferred the chat: for this agent it is Completed, as in Genesys's Workspace API. */
  transfer(id: string, to = 'Chat Tier 2'): void {
    this.complete(id, to);
  }

  complete(id: string, queue?: string): void {
    const chat = this.chat(id);
    Object.assign(chat, { state: 'Completed' }, queue ? { queue } : {});
    this.chatState(chat);
  }

  chat(id: string): SimChat {
    const chat = this.chats.get(id);
    if (!chat) throw new RangeError(`no chat ${id}`);
    return chat;
  }

  // ---- driving: calls ----

  /** An inbound call rings the agent and is answered (a softphone in auto-answer). */
  openCall(number = '+15550100'): string {
    const call = this.newCall({ number, state: 'Ringing', callType: 'Inbound' });
    call.state = 'Established';
    this.callState(call);
    return call.id;
  }

  /** The customer hung up (or a single-step transfer: Genesys shows this agent the same Released). */
  releaseCall(id: string): void {
    const call = this.call(id);
    call.state = 'Released';
    this.callState(call);
  }

  /** Two-step transfer as Genesys's simulator plays it: consult call, main call Released, consult Completed. */
  transferCall(id: string, to = '+15550142'): void {
    const main = this.call(id);
    main.state = 'Held';
    this.callState(main);
    const consult = this.newCall({ number: to, state: 'Dialing', callType: 'Consult', parentConnId: id });
    consult.state = 'Established';
    this.callState(consult);
    main.state = 'Released';
    this.callState(main);
    consult.state = 'Completed';
    this.callState(consult);
  }

  call(id: string): SimCall {
    const call = this.calls.get(id);
    if (!call) throw new RangeError(`no call ${id}`);
    return call;
  }

  // ---- faults ----

  /** Every Workspace session and token is over: the agent must sign in again. */
  expireSessions(): void {
    for (const s of this.sessions.values()) s.valid = false;
    this.auth.revokeAll();
  }

  /** Cuts every notification connection and refuses new ones for `ms`. */
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
    return this.auth.issueToken();
  }

  close(): void {
    for (const s of this.sockets) s.destroy();
    this.cometd.close();
  }

  // ---- HTTP ----

  /** Handles `/auth/v3/*` and `/workspace/v3/*`; false for anything else. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (this.auth.handle(req, res, path)) return true;
    if (!path.startsWith('/workspace/v3/') && !path.startsWith('/auth/v3/')) return false;
    // The API gateway: no key, no service (the browser's sign-in pages above need none).
    if (req.headers[API_KEY_HEADER] !== this.apiKey) {
      this.counts.missingKey += 1;
      req.resume();
      sendJson(res, 403, { message: 'Forbidden: missing or invalid x-api-key' });
      return true;
    }
    if (path === '/workspace/v3/notifications' || path.startsWith('/workspace/v3/notifications/')) {
      this.notifications(req, res);
      return true;
    }
    this.workspace(req, res, path).catch((err: unknown) => this.failed(res, err));
    return true;
  }

  private failed(res: ServerResponse, err: unknown): void {
    this.log.warn('request failed', { error: err });
    if (!res.headersSent)
      sendJson(res, 400, { status: { code: 400, message: String((err as Error).message) } });
  }

  /** The request's Workspace session, if it is still good. */
  private sessionOf(req: IncomingMessage): Session | undefined {
    const s = this.sessions.get(cookieValue(req.headers.cookie, SESSION_COOKIE) ?? '');
    return s?.valid ? s : undefined;
  }

  private notifications(req: IncomingMessage, res: ServerResponse): void {
    if (Date.now() < this.dropUntil) {
      req.socket.destroy();
      return;
    }
    if (!this.sessionOf(req)) {
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
      req.resume();
      const q = requestUrl(req.url)?.searchParams ?? new URLSearchParams();
      const good = q.has('code')
        ? this.auth.redeem(q.get('code') ?? undefined, q.get('redirect_uri') ?? undefined)
        : this.auth.tokenValid(req.headers.authorization);
      if (!good) return sendJson(res, 401, { status: { code: 401, message: 'invalid code or token' } });
      const id = randomBytes(16).toString('hex');
      this.sessions.set(id, { valid: true, activated: false, cometd: undefined });
      // Accepted: initialization completes asynchronously, announced on /workspace/v3/initialization.
      return sendJson(
        res,
        200,
        { status: { code: 1 } },
        { 'Set-Cookie': `${SESSION_COOKIE}=${id}; Path=/; HttpOnly` },
      );
    }
    const session = this.sessionOf(req);
    if (!session) {
      req.resume();
      return sendJson(res, 401, { status: { code: 401, message: 'no valid Workspace session' } });
    }
    if (path === '/workspace/v3/activate-channels' && req.method === 'POST') {
      const body = ActivateChannels.safeParse(JSON.parse((await readBody(req, 8 * 1024)) || '{}'));
      const { agentLogin, employeeId } = this.agent;
      if (!body.success || ![agentLogin, employeeId].includes(body.data.data.agentId))
        return sendJson(res, 400, {
          status: { code: 400, message: 'activate-channels: unknown agentId or no dn/placeName' },
        });
      this.counts.activations += 1;
      this.lastActivation = body.data.data;
      session.activated = true;
      this.recover(session);
      return sendJson(res, 200, { ...ok, data: { channels: ['voice', 'chat'] } });
    }
    if (path === '/workspace/v3/current-session' && req.method === 'GET') {
      const calls = [...this.calls.values()].filter((c) => !['Released', 'Completed'].includes(c.state));
      return sendJson(res, 200, {
        ...ok,
        data: { user: { ...this.agent, activeSession: { calls: calls.map((c) => this.wireCall(c)) } } },
      });
    }
    if (path === '/workspace/v3/logout' && req.method === 'POST') {
      req.resume();
      this.counts.logouts += 1;
      session.valid = false;
      return sendJson(res, 200, ok);
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
      if (voice) this.callState(target as SimCall, 'AttachedDataChanged');
      // As Genesys's simulator: accepted, applied asynchronously.
      return sendJson(res, 200, { status: { code: 1 }, operationId });
    }
    req.resume();
    sendJson(res, 404, { status: { code: 404, message: `no route ${path}` } });
  }

  // ---- notifications ----

  /** Only sessions that activated their channels hear voice and chat (Genesys: activate-channels first). */
  private deliver(channel: string, data: unknown): void {
    for (const s of this.sessions.values())
      if (s.valid && s.activated && s.cometd) s.cometd.deliver(null, channel, data);
  }

  /** A session that just activated learns the agent's open interactions. */
  private recover(session: Session): void {
    const to = session.cometd;
    if (!to) return;
    for (const call of this.calls.values())
      if (!['Released', 'Completed'].includes(call.state))
        to.deliver(null, notificationChannels.voice, this.callNotice(call, 'CallRecovered'));
    for (const chat of this.chats.values())
      if (chat.state === 'Processing') to.deliver(null, notificationChannels.chat, this.chatNotice(chat));
  }

  private chatState(chat: SimChat): void {
    this.deliver(notificationChannels.chat, this.chatNotice(chat));
  }

  private chatNotice(chat: SimChat) {
    return {
      messageType: 'InteractionStateChanged',
      notificationType: 'StatusChange',
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
    this.deliver(notificationChannels.chat, {
      messageType: 'MessageLogUpdated',
      notificationType: 'NewMessages',
      interactionId: chat.id,
      messages: [wire],
    });
  }

  private newCall(c: Pick<SimCall, 'number' | 'state' | 'callType' | 'parentConnId'>): SimCall {
    const call: SimCall = { id: randomBytes(8).toString('hex'), userData: {}, writes: [], ...c };
    this.calls.set(call.id, call);
    this.callState(call);
    return call;
  }

  private callState(call: SimCall, notificationType = 'StateChange'): void {
    this.deliver(notificationChannels.voice, this.callNotice(call, notificationType));
  }

  private wireCall(call: SimCall) {
    return {
      id: call.id,
      connId: call.id,
      state: call.state,
      callType: call.callType,
      ...(call.parentConnId ? { parentConnId: call.parentConnId } : {}),
      participants: [{ number: call.number, role: 'RoleOrigination' }],
      userData: Object.entries(call.userData).map(([key, value]) => ({ key, type: 'str', value })),
    };
  }

  private callNotice(call: SimCall, notificationType: string) {
    return { messageType: 'CallStateChanged', notificationType, call: this.wireCall(call) };
  }
}
