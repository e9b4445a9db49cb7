// The Genesys Workspace API as an InteractionSource: the sign-in (credentials.ts: a browser code handed to
// initialize-workspace, the session it opens, or a pasted token), one connection at a time (connection.ts:
// initialize, notifications, activate-channels, resync), notifications translated into SourceEvents, and
// attached data written with update-user-data. A refused or expired sign-in turns the source 'signed-out' with
// a sentence the sidebar can show as is; the outbox keeps the writes meanwhile.
import { HttpClient } from '../../net/http-client';
import { createNetwork, type Network } from '../../net/network';
import type { SourceDetail } from '../../../../common/contract';
import type { Logger } from '../../../../common/logger';
import type { AttachedData, SourceEvent } from '../../../../common/source-events';
import { WriteRefused, type InteractionSource, type SourceStatus } from '../port';
import { isRefusal, WorkspaceHttp } from './api';
import { SessionRefused, WorkspaceConnection } from './connection';
import { Credentials, type Credential } from './credentials';
import type { SecretStore } from './secret-store';
import { authorizeInBrowser } from './sign-in';
import { NotificationTranslator } from './translate';
import { ApiStatusReply, AUTH_PREFIX, type UpdateUserData } from '../../../../common/workspace-wire';

export interface WorkspaceSourceOptions {
  /** Settings `workspaceUrl`: the API gateway base, e.g. `https://gapi-use1.genesyscloud.com`. */
  workspaceUrl: string;
  /** Settings `workspaceClientId`: the OAuth client the sign-in page is opened for. */
  clientId: string;
  /** Settings `workspaceApiKey`: sent as `x-api-key` on every request ('' → none). */
  apiKey: string;
  /** Settings `workspaceRedirectPort`: the loopback redirect's port (0 → any free port). */
  redirectPort?: number;
  /** Settings `workspaceDn` / `workspacePlace` for activate-channels. */
  dn?: string;
  place?: string;
  /** Where the sign-in is kept (Electron: safeStorage-backed, main/electron/secret-store.ts). */
  secrets: SecretStore;
  /** Opens the sign-in page in the system browser (Electron: `shell.openExternal`). */
  openBrowser: (url: string) => Promise<void> | void;
  log: Logger;
  /** Authentication API base; default `<workspaceUrl>/auth/v3`. */
  authUrl?: string;
  /** The host's network layer (proxy and trust); default: the system proxy and the OS store. */
  network?: Network;
  /** Each REST call and the wait for initialization. Default 10 s. */
  requestTimeoutMs?: number;
  /** Delay before retrying after the API was unreachable. Default 5 s. */
  retryMs?: number;
}

export interface WorkspaceSource extends InteractionSource {
  readonly kind: 'workspace';
  /** Sign-in in the system browser (authorization code, loopback redirect), then connect. */
  signIn(opts?: { signal?: AbortSignal; timeoutMs?: number }): Promise<void>;
  /** Use an access token pasted by the agent (testing; no refresh), then connect. */
  useToken(accessToken: string, expiresInSeconds?: number): Promise<void>;
  /** Disconnects, logs the Workspace session out (best effort) and forgets the sign-in. */
  signOut(): Promise<void>;
}

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
  const network = opts.network ?? createNetwork({ proxy: 'system', extraCaFile: '', allowPlainHttp: false });
  const client = new HttpClient(network);
  const timeoutMs = opts.requestTimeoutMs ?? 10_000;
  const host = new URL(base).host;
  const credentials = new Credentials(opts.secrets, base);
  const refusedDetail: SourceDetail = opts.apiKey
    ? { code: 'sign-in-expired' }
    : { code: 'sign-in-refused', params: { host } };

  let onEvent: (e: SourceEvent) => void = () => undefined;
  let onStatus: (s: SourceStatus) => void = () => undefined;
  let status: SourceStatus = { state: 'starting' };
  let http = new WorkspaceHttp({ client, base, apiKey: opts.apiKey, timeoutMs });
  let connection: WorkspaceConnection | undefined;
  // The translator outlives a reconnect or a new sign-in: the agent's interactions (and the transcript
  // positions already reported) are the same ones; only a sign-out forgets them.
  let translator = new NotificationTranslator();
  let retryTimer: NodeJS.Timeout | undefined;
  /** The 'up' detail, shown again after the channel recovers. */
  let signedInAs: SourceDetail | undefined;
  let stopped = false;
  /** Serialises connect / sign-in / sign-out so two never interleave. */
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

  async function disconnect(): Promise<void> {
    const c = connection;
    connection = undefined;
    await c?.close();
  }

  /** The sign-in is over: only the agent can bring it back. */
  async function signedOut(detail: SourceDetail): Promise<void> {
    clearTimeout(retryTimer);
    await disconnect();
    await credentials.forget();
    report({ state: 'signed-out', detail });
  }

  function scheduleRetry(detail: SourceDetail): void {
    report({ state: 'down', detail });
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void serial(connect), opts.retryMs ?? 5000);
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    clearTimeout(retryTimer);
    await disconnect();
    const credential = credentials.current;
    if (!credential) return report({ state: 'signed-out', detail: { code: 'sign-in-needed' } });
    if (credentials.expired()) return signedOut({ code: 'sign-in-expired' });
    report({ state: 'starting', detail: { code: 'connecting', params: { host } } });
    http = new WorkspaceHttp({ client, base, apiKey: opts.apiKey, timeoutMs });
    const c = new WorkspaceConnection({
      http,
      log,
      timeoutMs,
      dn: opts.dn ?? '',
      place: opts.place ?? '',
      translator,
      emit: (events) => events.forEach((e) => onEvent(e)),
      onConnection: (state, detail) => {
        if (connection !== c || status.state === 'signed-out') return;
        report({ state, detail: state === 'up' ? (signedInAs ?? detail) : detail });
      },
      onRefused: () => void serial(() => refused(c)),
      onInitialized: () => credentials.opened(http.jar.header()),
    });
    connection = c;
    try {
      const user = await c.open(credential);
      signedInAs = { code: 'signed-in', params: { host, user: user || null } };
      report({ state: 'up', detail: signedInAs });
    } catch (err) {
      if (connection === c) await disconnect();
      if (err instanceof SessionRefused) {
        log.warn('the Workspace API refused the sign-in', { why: err.message });
        return signedOut(refusedDetail);
      }
      // A one-shot code that reached the server cannot be used again: the agent must sign in anew.
      if (credential.kind === 'code')
        return signedOut({ code: 'sign-in-failed', params: { host, problem: (err as Error).message } });
      scheduleRetry({ code: 'workspace-unusable', params: { host, problem: (err as Error).message } });
    }
  }

  async function refused(c: WorkspaceConnection): Promise<void> {
    if (connection !== c) return;
    log.warn('the Workspace API refused the session');
    await signedOut(refusedDetail);
  }

  async function writeUserData(interactionId: string, data: AttachedData, writeId: string): Promise<void> {
    if (status.state !== 'up') throw new Error(`the Workspace API is not connected (${status.state})`);
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
    const c = connection;
    const reply = await http.call('POST', path, { body });
    if (isRefusal(reply.status)) {
      if (c) void serial(() => refused(c));
      throw new HttpStatusError(
        reply.status,
        `${host} refused update-user-data: the sign-in is no longer valid`,
      );
    }
    const parsed = ApiStatusReply.safeParse(reply.json);
    if (reply.status === 200 && parsed.success && parsed.data.status.code <= 1) return;
    const why = `${host} answered update-user-data for ${interactionId} with HTTP ${reply.status}${parsed.success && parsed.data.status.message ? `: ${parsed.data.status.message}` : ''}`;
    // A 4xx other than an expired sign-in or a throttle will not change on retry (the interaction is gone).
    const final = reply.status >= 400 && reply.status < 500 && reply.status !== 408 && reply.status !== 429;
    throw final ? new WriteRefused(why) : new HttpStatusError(reply.status, why);
  }

  const signInWith = (get: () => Promise<Credential>) =>
    serial(async () => {
      await credentials.use(await get());
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
        await credentials.load();
        await connect();
      });
    },
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      await serial(disconnect);
      if (!opts.network) network.close(); // a shared network is its owner's to close
    },
    applyAttachedData(interactionId, data, writeId) {
      return writeUserData(interactionId, data, writeId);
    },
    signIn(o = {}) {
      return signInWith(async () => ({
        kind: 'code',
        ...(await authorizeInBrowser({
          authBase: opts.authUrl ?? `${base}${AUTH_PREFIX}`,
          clientId: opts.clientId,
          openBrowser: opts.openBrowser,
          ...(opts.redirectPort ? { port: opts.redirectPort } : {}),
          ...(o.signal ? { signal: o.signal } : {}),
          ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
          onMissingState: () => log.warn('the sign-in redirect carried no state; accepted'),
        })),
      }));
    },
    useToken(accessToken, expiresInSeconds = 3600) {
      const token = accessToken.trim().replace(/^Bearer\s+/i, '');
      if (!token) return Promise.reject(new Error('the pasted token is empty'));
      return signInWith(async () => ({
        kind: 'token',
        accessToken: token,
        expiresAt: Date.now() + expiresInSeconds * 1000,
      }));
    },
    signOut() {
      return serial(async () => {
        clearTimeout(retryTimer);
        await disconnect();
        // Best effort: a sign-out must work offline too.
        if (credentials.current) await http.call('POST', '/logout').catch(() => undefined);
        await credentials.forget();
        translator = new NotificationTranslator();
        report({ state: 'signed-out', detail: { code: 'sign-in-needed' } });
      });
    },
  };
}
