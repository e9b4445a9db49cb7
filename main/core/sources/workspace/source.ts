// The Genesys Workspace API as an InteractionSource: sign-in (browser PKCE or a pasted token), tokens kept in
// the SecretStore and refreshed before expiry, initialize-workspace, the notification channel translated into
// SourceEvents, and attached data written with update-user-data. An expired or revoked sign-in turns the
// source 'signed-out' with a sentence the sidebar can show as is; the outbox keeps the writes meanwhile.
import { CookieJar } from '../../net/cookie-jar';
import { HttpClient, type HttpReply } from '../../net/http-client';
import type { Logger } from '../../../../common/logger';
import type { AttachedData, SourceEvent } from '../../../../common/source-events';
import { WriteRefused, type InteractionSource, type SourceStatus } from '../port';
import {
  AuthError,
  refreshDelay,
  refreshTokens,
  signInWithBrowser,
  signOutRemote,
  type AuthEndpoint,
  type Tokens,
} from './auth';
import { WorkspaceNotifications } from './notifications';
import { TokenVault, type SecretStore } from './secret-store';
import { NotificationTranslator } from './translate';
import {
  AUTH_PREFIX,
  ApiStatusReply,
  InitializationNotice,
  MessagesReply,
  WORKSPACE_PREFIX,
  notificationChannels,
  type UpdateUserData,
} from '../../../../common/workspace-wire';

export interface WorkspaceSourceOptions {
  /** Settings `workspaceUrl`: the API gateway base, e.g. `https://gapi-use1.genesyscloud.com`. */
  workspaceUrl: string;
  /** Settings `workspaceClientId`: the OAuth client registered for this app (public client, PKCE). */
  clientId: string;
  /** Token storage (Electron: safeStorage-backed, main/electron/secret-store.ts). */
  secrets: SecretStore;
  /** Opens the sign-in page in the system browser (Electron: `shell.openExternal`). */
  openBrowser: (url: string) => Promise<void> | void;
  log: Logger;
  /** Authentication API base; default `<workspaceUrl>/auth/v3`. */
  authUrl?: string;
  /** CA list for https (`caBundle(extraPem)` from the controller's http-client). */
  ca?: string[];
  /** Each REST call and the wait for initialization. Default 10 s. */
  requestTimeoutMs?: number;
  /** Delay before retrying after the API was unreachable. Default 5 s. */
  retryMs?: number;
}

export interface WorkspaceSource extends InteractionSource {
  readonly kind: 'workspace';
  /** Sign-in in the system browser (authorization code + PKCE, loopback redirect), then connect. */
  signIn(opts?: { signal?: AbortSignal; timeoutMs?: number }): Promise<void>;
  /** Use an access token pasted by the agent (testing; no refresh), then connect. */
  useToken(accessToken: string, expiresInSeconds?: number): Promise<void>;
  /** Disconnects, revokes the token (best effort) and forgets it. */
  signOut(): Promise<void>;
}

const SIGN_IN = 'Sign in to Genesys to see your chats and calls.';
const EXPIRED = 'Your Genesys sign-in has expired; sign in again to see your chats and calls.';

class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createWorkspaceSource(opts: WorkspaceSourceOptions): WorkspaceSource {
  const base = opts.workspaceUrl.replace(/\/+$/, '');
  const log = opts.log.child('workspace');
  const client = new HttpClient(opts.ca ? { ca: opts.ca } : {});
  const auth: AuthEndpoint = {
    client,
    authBase: opts.authUrl ?? `${base}${AUTH_PREFIX}`,
    clientId: opts.clientId,
  };
  const vault = new TokenVault(opts.secrets, base);
  const timeoutMs = opts.requestTimeoutMs ?? 10_000;
  const host = new URL(base).host;

  let onEvent: (e: SourceEvent) => void = () => undefined;
  let onStatus: (s: SourceStatus) => void = () => undefined;
  let status: SourceStatus = { state: 'starting' };
  let tokens: Tokens | undefined;
  let jar = new CookieJar();
  let notifications: WorkspaceNotifications | undefined;
  let translator = new NotificationTranslator();
  let refreshTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  /** Serialises connect / refresh / sign-out so two never interleave. */
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };

  const report = (s: SourceStatus) => {
    status = s;
    log.info('status', { state: s.state, detail: s.detail });
    onStatus(s);
  };

  const emit = (events: SourceEvent[]) => {
    for (const e of events) onEvent(e);
  };

  async function rest(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpReply> {
    const reply = await client.request(
      `${base}${WORKSPACE_PREFIX}${path}`,
      {
        method,
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(tokens ? { Authorization: `Bearer ${tokens.accessToken}` } : {}),
          Cookie: jar.header(),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      AbortSignal.timeout(timeoutMs),
    );
    jar.store(reply.headers['set-cookie']);
    return reply;
  }

  const clearTimers = () => {
    clearTimeout(refreshTimer);
    clearTimeout(retryTimer);
    refreshTimer = retryTimer = undefined;
  };

  async function disconnect(): Promise<void> {
    const n = notifications;
    notifications = undefined;
    await n?.close();
  }

  /** The sign-in is over: only the agent can bring it back. */
  async function signedOut(detail: string): Promise<void> {
    clearTimers();
    await disconnect();
    tokens = undefined;
    await vault.clear();
    report({ state: 'signed-out', detail });
  }

  function scheduleRetry(detail: string): void {
    report({ state: 'down', detail });
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void serial(connect), opts.retryMs ?? 5000);
  }

  function scheduleRefresh(): void {
    clearTimeout(refreshTimer);
    if (!tokens?.refreshToken) return;
    refreshTimer = setTimeout(() => void serial(refresh), refreshDelay(tokens));
  }

  async function refresh(): Promise<void> {
    if (stopped || !tokens?.refreshToken) return;
    try {
      tokens = await refreshTokens(auth, tokens.refreshToken);
      await vault.save(tokens);
      log.info('token refreshed', { expiresInS: Math.round((tokens.expiresAt - Date.now()) / 1000) });
      scheduleRefresh();
    } catch (err) {
      if (err instanceof AuthError && err.signedOut) return signedOut(EXPIRED);
      log.warn('token refresh failed; retrying', { error: err });
      refreshTimer = setTimeout(() => void serial(refresh), opts.retryMs ?? 5000);
    }
  }

  /** initialize-workspace → notifications → the initialization notice; status 'up' when all went well. */
  async function connect(): Promise<void> {
    if (stopped) return;
    clearTimeout(retryTimer);
    await disconnect();
    if (!tokens) return report({ state: 'signed-out', detail: SIGN_IN });
    if (tokens.expiresAt <= Date.now() + 5000 && !(await renew())) return;
    report({ state: 'starting', detail: `connecting to ${host}` });
    // The translator outlives a reconnect or a new sign-in: the agent's interactions (and the transcript
    // positions already reported) are the same ones; only a sign-out forgets them.
    jar = new CookieJar();
    try {
      const init = await rest('POST', '/initialize-workspace');
      if (init.status === 401 || init.status === 403) return signedOut(EXPIRED);
      if (init.status !== 200 && init.status !== 202)
        throw new HttpStatusError(
          init.status,
          `${host} answered initialize-workspace with HTTP ${init.status}`,
        );
      const initialized = waitForInitialization();
      const n = new WorkspaceNotifications(
        { client, jar, url: `${base}${WORKSPACE_PREFIX}/notifications`, log, handshakeMs: timeoutMs },
        {
          onMessage: (channel, data) => {
            if (channel === notificationChannels.initialization) return initialized.notice(data);
            emit(
              translator.translate(channel, data, (why) =>
                log.warn('malformed notification', { channel, why }),
              ),
            );
          },
          onConnection: (state, detail) => {
            if (notifications !== n || status.state === 'signed-out') return;
            if (state === 'up' && initialized.done) report({ state: 'up', detail: status.detail ?? detail });
            else if (state === 'down') report({ state: 'down', detail });
          },
          onUnauthorized: () => {
            if (notifications === n) void serial(() => sessionRefused(n));
          },
          onRehandshake: () => void resync(),
        },
      );
      notifications = n;
      await n.connect();
      const user = await initialized.promise;
      scheduleRefresh();
      report({ state: 'up', detail: `signed in${user ? ` as ${user}` : ''} at ${host}` });
    } catch (err) {
      await disconnect();
      scheduleRetry(`cannot reach the Workspace API at ${host}: ${(err as Error).message}`);
    }
  }

  function waitForInitialization() {
    let resolve!: (user: string | undefined) => void;
    let reject!: (err: Error) => void;
    const promise = new Promise<string | undefined>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const timer = setTimeout(() => reject(new Error('workspace initialization did not complete')), timeoutMs);
    const state = {
      promise,
      done: false,
      notice(data: unknown) {
        const n = InitializationNotice.safeParse(data);
        if (!n.success) return log.warn('malformed initialization notice');
        if (n.data.state === 'Complete') {
          clearTimeout(timer);
          state.done = true;
          resolve(n.data.data?.user?.userName);
        } else if (n.data.state === 'Failed') {
          clearTimeout(timer);
          reject(new Error('the Workspace API reported the initialization as failed'));
        }
      },
    };
    return state;
  }

  /** The server refused our session (401/403): a refresh may revive it, else the agent must sign in. */
  async function sessionRefused(n: WorkspaceNotifications): Promise<void> {
    if (notifications !== n) return;
    log.warn('the Workspace API refused the session');
    await disconnect();
    if (await renew()) await connect();
  }

  /** A refresh before (re)connecting; false when it could not be had (status already reported). */
  async function renew(): Promise<boolean> {
    if (!tokens?.refreshToken) {
      await signedOut(EXPIRED);
      return false;
    }
    try {
      tokens = await refreshTokens(auth, tokens.refreshToken);
      await vault.save(tokens);
      return true;
    } catch (err) {
      if (err instanceof AuthError && err.signedOut) await signedOut(EXPIRED);
      else scheduleRetry(`cannot reach the Genesys Authentication API: ${(err as Error).message}`);
      return false;
    }
  }

  /** After a re-handshake, notifications sent while we were forgotten are lost: re-read each open transcript. */
  async function resync(): Promise<void> {
    for (const [id, held] of translator.known) {
      if (held.media !== 'chat' || held.ended) continue;
      try {
        const reply = await rest(
          'GET',
          `/media/${encodeURIComponent(held.mediatype)}/interactions/${encodeURIComponent(id)}/messages`,
        );
        const parsed = MessagesReply.safeParse(JSON.parse(reply.body));
        if (reply.status === 200 && parsed.success) emit(translator.messages(id, parsed.data.data.messages));
        else log.warn('transcript resync refused', { id, status: reply.status });
      } catch (err) {
        log.warn('transcript resync failed', { id, error: err });
      }
    }
  }

  async function writeUserData(interactionId: string, data: AttachedData, writeId: string): Promise<void> {
    if (status.state !== 'up')
      throw new Error(`the Workspace API is not connected (${status.detail ?? status.state})`);
    const held = translator.known.get(interactionId);
    if (!held) throw new Error(`interaction ${interactionId} is not (yet) known to the Workspace connection`);
    const path =
      held.media === 'voice'
        ? `/voice/calls/${encodeURIComponent(interactionId)}/update-user-data`
        : `/media/${encodeURIComponent(held.mediatype)}/interactions/${encodeURIComponent(interactionId)}/update-user-data`;
    const body: UpdateUserData = {
      // update-user-data replaces pairs with the same keys, so a redelivery is harmless; the operationId lets
      // the server's logs tie a retry to its first attempt.
      operationId: writeId,
      data: {
        // KVList types as Genesys's clients send them: `int` for the quantity and the (whole-second) duration.
        userData: Object.entries(data).map(([key, value]) =>
          typeof value === 'number' ? { key, type: 'int', value } : { key, type: 'str', value },
        ),
      },
    };
    const reply = await rest('POST', path, body);
    if (reply.status === 401 || reply.status === 403) {
      const n = notifications;
      if (n) void serial(() => sessionRefused(n));
      throw new HttpStatusError(
        reply.status,
        `${host} refused update-user-data: the sign-in is no longer valid`,
      );
    }
    let parsed: ReturnType<typeof ApiStatusReply.safeParse> | undefined;
    try {
      parsed = ApiStatusReply.safeParse(JSON.parse(reply.body));
    } catch {
      parsed = undefined;
    }
    if (reply.status === 200 && parsed?.success && parsed.data.status.code <= 1) return;
    const why = `${host} answered update-user-data for ${interactionId} with HTTP ${reply.status}${parsed?.success && parsed.data.status.message ? `: ${parsed.data.status.message}` : ''}`;
    // A 4xx other than an expired sign-in or a throttle will not change on retry (the interaction is gone).
    const final = reply.status >= 400 && reply.status < 500 && reply.status !== 408 && reply.status !== 429;
    throw final ? new WriteRefused(why) : new HttpStatusError(reply.status, why);
  }

  const signInWith = (get: () => Promise<Tokens>) =>
    serial(async () => {
      const fresh = await get();
      tokens = fresh;
      await vault.save(fresh);
      await connect();
    });

  return {
    kind: 'workspace',
    async start(eventSink, statusSink) {
      onEvent = eventSink;
      onStatus = statusSink;
      stopped = false;
      report({ state: 'starting' });
      await serial(async () => {
        tokens = await vault.load();
        await connect();
      });
    },
    async stop() {
      stopped = true;
      clearTimers();
      await serial(disconnect);
      client.close();
    },
    applyAttachedData(interactionId, data, writeId) {
      return writeUserData(interactionId, data, writeId);
    },
    signIn(o = {}) {
      return signInWith(() =>
        signInWithBrowser(auth, {
          openBrowser: opts.openBrowser,
          ...(o.signal ? { signal: o.signal } : {}),
          ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
        }),
      );
    },
    useToken(accessToken, expiresInSeconds = 3600) {
      const token = accessToken.trim().replace(/^Bearer\s+/i, '');
      if (!token) return Promise.reject(new Error('the pasted token is empty'));
      return signInWith(async () => ({
        accessToken: token,
        expiresAt: Date.now() + expiresInSeconds * 1000,
      }));
    },
    signOut() {
      return serial(async () => {
        const t = tokens;
        clearTimers();
        await disconnect();
        if (t) await signOutRemote(auth, t.accessToken);
        tokens = undefined;
        await vault.clear();
        translator = new NotificationTranslator();
        report({ state: 'signed-out', detail: SIGN_IN });
      });
    },
  };
}
