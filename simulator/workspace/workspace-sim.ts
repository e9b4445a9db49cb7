// A Genesys Workspace API simulator, the subset the connector uses, telling the story Genesys's own simulator
// (agent-api-simulator) and clients tell, over real HTTP and CometD (cometd-nodejs-server): `x-api-key`
// required on every API call and long-poll, the WWE sign-in (auth-sim.ts) redeemed by initialize-workspace,
// the WORKSPACE_SESSIONID cookie and its notification channel (sessions.ts), the REST routes (api-routes.ts),
// the chat and call models (chats.ts, calls.ts) and fault injection (faults.ts). This class composes them,
// plays the API gateway, and is what tests (and the demo page, through routes.ts) drive.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLogger, type Logger } from '../../common/logger';
import {
  API_KEY_HEADER,
  AUTH_PREFIX,
  WORKSPACE_PREFIX,
  type ActivateChannels,
} from '../../common/workspace-wire';
import { sendJson } from '../http/io';
import type { ApiDeps, SimAgent, SimCounts } from './api-context';
import { serveWorkspaceApi } from './api-routes';
import { WorkspaceAuthSim } from './auth-sim';
import { CallModel, type SimCall } from './calls';
import { ChatModel, type Sender, type SimChat } from './chats';
import { WorkspaceFaults } from './faults';
import { WorkspaceSessions } from './sessions';

export type { SimAgent, SimCall, SimChat, Sender };

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
  /** Counters for tests. */
  readonly counts: SimCounts = {
    updateRequests: 0,
    handshakes: 0,
    activations: 0,
    logouts: 0,
    missingKey: 0,
  };
  readonly auth: WorkspaceAuthSim;
  readonly apiKey: string;
  readonly agent: SimAgent;
  /** The body of the last activate-channels. */
  lastActivation: ActivateChannels['data'] | undefined;
  private readonly log: Logger;
  private readonly sessions: WorkspaceSessions;
  private readonly faults: WorkspaceFaults;
  private readonly chatModel: ChatModel;
  /** The agent's calls: what Workspace API call control and the control routes act on. */
  readonly voice: CallModel;
  private readonly api: ApiDeps;

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
    this.sessions = new WorkspaceSessions({
      longPollMs: opts.longPollMs ?? 10_000,
      user: this.agent,
      onHandshake: () => void (this.counts.handshakes += 1),
    });
    const publish = (channel: string, data: unknown) => this.sessions.deliver(channel, data);
    this.chatModel = new ChatModel(publish);
    this.voice = new CallModel(publish, () => this.lastActivation?.dn ?? this.agent.agentLogin);
    this.faults = new WorkspaceFaults(this.sessions, this.auth);
    this.api = {
      agent: this.agent,
      auth: this.auth,
      sessions: this.sessions,
      faults: this.faults,
      chats: this.chatModel,
      calls: this.voice,
      counts: this.counts,
      onActivated: (data) => void (this.lastActivation = data),
    };
  }

  /** The client id the sign-in accepts (the demo passes it to the app). */
  get clientId(): string {
    return this.auth.clientId;
  }

  get chats(): ReadonlyMap<string, SimChat> {
    return this.chatModel.chats;
  }

  get calls(): ReadonlyMap<string, SimCall> {
    return this.voice.calls;
  }

  // ---- driving: chats ----

  openChat(customerName?: string): string {
    return this.chatModel.open(customerName);
  }

  say(id: string, from: Sender, text: string): void {
    this.chatModel.say(id, from, text);
  }

  /** The agent transferred the chat: for this agent it is Completed, as in Genesys's Workspace API. */
  transfer(id: string, to = 'Chat Tier 2'): void {
    this.chatModel.complete(id, to);
  }

  complete(id: string, queue?: string): void {
    this.chatModel.complete(id, queue);
  }

  chat(id: string): SimChat {
    return this.chatModel.get(id);
  }

  // ---- driving: calls ----

  /** An inbound call rings the agent and is answered (a softphone in auto-answer). */
  openCall(number?: string): string {
    const id = this.voice.ring(number);
    this.voice.answer(id);
    return id;
  }

  /** The customer hung up. */
  releaseCall(id: string): void {
    this.voice.hangUp(id);
  }

  /** Two-step transfer as Genesys's simulator plays it: consult call, main call Released, consult Completed. */
  transferCall(id: string, to = '+15550142'): void {
    this.voice.completeTransfer(this.voice.initiateTransfer(id, to));
  }

  call(id: string): SimCall {
    return this.voice.get(id);
  }

  // ---- faults ----

  /** Every Workspace session and token is over: the agent must sign in again. */
  expireSessions(): void {
    this.faults.expireSessions();
  }

  /** Cuts every notification connection and refuses new ones for `ms`. */
  dropNotifications(ms: number): void {
    this.faults.dropNotifications(ms);
  }

  /** The next `n` update-user-data requests answer 503. */
  failUpdateUserData(n: number): void {
    this.faults.failUpdateUserData(n);
  }

  /** A valid access token, as if the agent had copied one from another tool (pasted-token sign-in). */
  issueToken(): string {
    return this.auth.issueToken();
  }

  close(): void {
    this.sessions.close();
  }

  // ---- HTTP ----

  /** Handles `/auth/v3/*` and `/workspace/v3/*`; false for anything else. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (this.auth.handle(req, res, path)) return true;
    if (!path.startsWith(`${WORKSPACE_PREFIX}/`) && !path.startsWith(`${AUTH_PREFIX}/`)) return false;
    // The API gateway: no key, no service (the browser's sign-in pages above need none).
    if (req.headers[API_KEY_HEADER] !== this.apiKey) {
      this.counts.missingKey += 1;
      req.resume();
      sendJson(res, 403, { message: 'Forbidden: missing or invalid x-api-key' });
      return true;
    }
    if (
      path === `${WORKSPACE_PREFIX}/notifications` ||
      path.startsWith(`${WORKSPACE_PREFIX}/notifications/`)
    ) {
      if (this.faults.notificationsDropped) req.socket.destroy();
      else this.sessions.serve(req, res);
      return true;
    }
    serveWorkspaceApi(this.api, req, res, path).catch((err: unknown) => {
      this.log.warn('request failed', { error: err });
      if (!res.headersSent)
        sendJson(res, 400, { status: { code: 400, message: String((err as Error).message) } });
    });
    return true;
  }
}
