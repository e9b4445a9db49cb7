// One Workspace session, from opening to close: initialize-workspace with the sign-in's code or token (or the
// stored session's cookies), the notification channel, the initialization notice, activate-channels (voice
// flows only after it), and the resync after an outage or a re-handshake (notifications may have been lost):
// the agent's calls from current-session, open chat transcripts re-read. The sign-in itself is credentials.ts'.
import type { SourceDetail } from '../../../../common/contract';
import type { Logger } from '../../../../common/logger';
import type { SourceEvent } from '../../../../common/source-events';
import {
  ActivateChannels,
  ApiStatusReply,
  CurrentSessionReply,
  InitializationNotice,
  MessagesReply,
  notificationChannels,
  WORKSPACE_PREFIX,
  type WorkspaceUser,
} from '../../../../common/workspace-wire';
import type { z } from 'zod';
import { isRefusal, type WorkspaceHttp } from './api';
import type { Credential } from './credentials';
import { WorkspaceNotifications } from './notifications';
import type { NotificationTranslator } from './translate';

/** The server refused the session or the API key (401/403): only a new sign-in (or the right key) helps. */
export class SessionRefused extends Error {}

export interface ConnectionOptions {
  http: WorkspaceHttp;
  log: Logger;
  timeoutMs: number;
  /** Settings `workspaceDn` / `workspacePlace` for activate-channels ('' → from the agent's data). */
  dn: string;
  place: string;
  translator: NotificationTranslator;
  emit(events: SourceEvent[]): void;
  onConnection(state: 'up' | 'down', detail: SourceDetail): void;
  onRefused(): void;
  /** initialize-workspace accepted the sign-in: its cookies are now the session (kept even if the rest fails). */
  onInitialized(): Promise<void>;
}

export class WorkspaceConnection {
  private notifications: WorkspaceNotifications | undefined;
  private initialized = false;
  private wasDown = false;
  private readonly host: string;

  constructor(private readonly opts: ConnectionOptions) {
    this.host = new URL(opts.http.opts.base).host;
  }

  /** Opens the session; resolves with the agent's user name once voice and chat notifications flow. */
  async open(credential: Credential): Promise<string | undefined> {
    const { http } = this.opts;
    http.bearer = credential.kind === 'token' ? credential.accessToken : undefined;
    if (credential.kind === 'session') http.jar.store(credential.cookie.split('; '));
    else {
      await this.initialize(credential);
      await this.opts.onInitialized();
    }
    const notice = this.initialization();
    const n = new WorkspaceNotifications(
      {
        client: http.opts.client,
        jar: http.jar,
        url: `${http.opts.base}${WORKSPACE_PREFIX}/notifications`,
        log: this.opts.log,
        handshakeMs: this.opts.timeoutMs,
        headers: http.keyHeaders,
      },
      {
        onMessage: (channel, data) => {
          if (channel === notificationChannels.initialization) return notice.take(data);
          this.opts.emit(
            this.opts.translator.translate(channel, data, (why) =>
              this.opts.log.warn('malformed notification', { channel, why }),
            ),
          );
        },
        onConnection: (state, detail) => {
          if (this.notifications !== n || (state === 'up' && !this.initialized)) return;
          this.opts.onConnection(state, detail);
          // What was published onto a long-poll that died on the way is lost unless the server acknowledges
          // delivery (Genesys's simulator does not): read the state again after every outage.
          if (state === 'down') this.wasDown = true;
          else if (this.wasDown) {
            this.wasDown = false;
            void this.resync();
          }
        },
        onUnauthorized: () => {
          if (this.notifications === n) this.opts.onRefused();
        },
        onRehandshake: () => {
          // The reconnect that follows would resync again.
          this.wasDown = false;
          void this.resync();
        },
      },
    );
    this.notifications = n;
    await n.connect();
    // A resumed session may not announce its initialization again: current-session says who we are.
    const user =
      credential.kind === 'session' ? (await this.currentSession()).data?.user : await notice.promise;
    await this.activateChannels(user);
    this.initialized = true;
    return user?.userName;
  }

  async close(): Promise<void> {
    const n = this.notifications;
    this.notifications = undefined;
    await n?.close();
  }

  private async initialize(c: Exclude<Credential, { kind: 'session' }>): Promise<void> {
    const reply = await this.opts.http.call('POST', '/initialize-workspace', {
      query: c.kind === 'code' ? { code: c.code, redirect_uri: c.redirectUri, state: c.state } : {},
    });
    if (isRefusal(reply.status))
      throw new SessionRefused(`initialize-workspace answered HTTP ${reply.status}`);
    if (reply.status !== 200 && reply.status !== 202)
      throw new Error(`${this.host} answered initialize-workspace with HTTP ${reply.status}`);
  }

  /** The `/workspace/v3/initialization` notice (Genesys's clients wait for Complete before anything else). */
  private initialization() {
    let resolve!: (user: WorkspaceUser | undefined) => void;
    let reject!: (err: Error) => void;
    const promise = new Promise<WorkspaceUser | undefined>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const timer = setTimeout(
      () => reject(new Error('workspace initialization did not complete')),
      this.opts.timeoutMs,
    );
    // Only a session that is resumed never awaits it: keep the timer from failing an unrelated run.
    promise.catch(() => undefined);
    return {
      promise,
      take: (data: unknown) => {
        const n = InitializationNotice.safeParse(data);
        if (!n.success) return this.opts.log.warn('malformed initialization notice');
        if (n.data.state === 'Complete') {
          clearTimeout(timer);
          resolve(n.data.data?.user);
        } else if (n.data.state === 'Failed') {
          clearTimeout(timer);
          reject(new Error('the Workspace API reported the initialization as failed'));
        }
      },
    };
  }

  /**
   * `GET /current-session`; refused means the session is over. Lenient: Genesys's simulator refuses it for the
   * first ~2 s of a new agent session too, so a refusal counts only once it repeats for 2 s.
   */
  private async currentSession(): Promise<z.infer<typeof CurrentSessionReply>> {
    for (let attempt = 0; ; attempt += 1) {
      const reply = await this.opts.http.call('GET', '/current-session');
      if (isRefusal(reply.status)) {
        if (attempt >= 2 || !this.notifications)
          throw new SessionRefused(`current-session answered HTTP ${reply.status}`);
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      const parsed = CurrentSessionReply.safeParse(reply.json);
      if (reply.status !== 200 || !parsed.success)
        throw new Error(`${this.host} answered current-session with HTTP ${reply.status}`);
      return parsed.data;
    }
  }

  /** As both clients do: agentId from the agent's login, then the configured DN or place, else the default place. */
  private async activateChannels(user: WorkspaceUser | undefined): Promise<void> {
    const agentId = user?.agentLogin ?? user?.employeeId;
    const placeName = this.opts.place || user?.defaultPlace;
    const body = ActivateChannels.safeParse({
      data: { agentId, ...(this.opts.dn ? { dn: this.opts.dn } : placeName ? { placeName } : {}) },
    });
    if (!body.success)
      throw new Error(
        `cannot activate the voice channel: ${agentId ? 'no DN or place is known for this agent; set workspaceDn or workspacePlace in the settings' : 'the Workspace API sent no agent login for this agent'}`,
      );
    const reply = await this.opts.http.call('POST', '/activate-channels', { body: body.data });
    if (isRefusal(reply.status)) throw new SessionRefused(`activate-channels answered HTTP ${reply.status}`);
    const status = ApiStatusReply.safeParse(reply.json);
    if (reply.status !== 200 || (status.success && status.data.status.code > 1))
      throw new Error(
        `${this.host} refused activate-channels (HTTP ${reply.status}${status.success && status.data.status.message ? `: ${status.data.status.message}` : ''})`,
      );
  }

  /** After an outage or a re-handshake notifications may be lost: read the state again (the translator dedups). */
  private async resync(): Promise<void> {
    const { translator, emit, log } = this.opts;
    try {
      const calls = (await this.currentSession()).data?.user?.activeSession?.calls;
      if (calls) {
        for (const call of calls) emit(translator.call(call));
        // A call the server no longer lists ended while we were away.
        const listed = new Set(calls.map((c) => c.id));
        for (const [id, held] of translator.known) {
          const connId = translator.connIdOf(id);
          if (held.media === 'voice' && !held.ended && !listed.has(connId))
            emit(translator.call({ id: connId, state: 'Released' }));
        }
      }
    } catch (err) {
      if (err instanceof SessionRefused) return this.opts.onRefused();
      log.warn('session resync failed', { error: err });
    }
    for (const [id, held] of translator.known) {
      if (held.media !== 'chat' || held.ended) continue;
      try {
        const reply = await this.opts.http.call(
          'GET',
          `/media/${encodeURIComponent(held.mediatype)}/interactions/${encodeURIComponent(id)}/messages`,
        );
        const parsed = MessagesReply.safeParse(reply.json);
        if (reply.status === 200 && parsed.success) emit(translator.messages(id, parsed.data.data.messages));
        else log.warn('transcript resync refused', { id, status: reply.status });
      } catch (err) {
        log.warn('transcript resync failed', { id, error: err });
      }
    }
  }
}
