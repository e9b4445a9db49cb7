// The Genesys Workspace API as an InteractionSource: the sign-in (credentials.ts: a browser code handed to
// initialize-workspace, the session it opens, or a pasted token; sign-in.ts: the system browser), the link to
// the API (link.ts: one connection at a time, status, retry, a refused sign-in), notifications translated into
// SourceEvents (translate.ts), and attached data written with update-user-data (write-user-data.ts). A refused
// or expired sign-in turns the source 'signed-out' with a sentence the sidebar can show as is; the outbox
// keeps the writes meanwhile.
import { HttpClient } from '../../net/http-client';
import type { Logger } from '../../../../common/logger';
import type { InteractionSource } from '../port';
import { Credentials, type Credential } from './credentials';
import { WorkspaceLink } from './link';
import type { SecretStore } from './secret-store';
import { authorizeInBrowser } from './sign-in';
import { writeUserData } from './write-user-data';
import { AUTH_PREFIX } from '../../../../common/workspace-wire';

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
  /** CA list for https (`caBundle(extraPem)` from the controller's http-client). */
  ca?: string[];
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

export function createWorkspaceSource(opts: WorkspaceSourceOptions): WorkspaceSource {
  const base = opts.workspaceUrl.replace(/\/+$/, '');
  const log = opts.log.child('workspace');
  const client = new HttpClient(opts.ca ? { ca: opts.ca } : {});
  const credentials = new Credentials(opts.secrets, base);
  const link = new WorkspaceLink({
    client,
    base,
    apiKey: opts.apiKey,
    timeoutMs: opts.requestTimeoutMs ?? 10_000,
    retryMs: opts.retryMs ?? 5000,
    dn: opts.dn ?? '',
    place: opts.place ?? '',
    credentials,
    log,
  });

  const signInWith = (get: () => Promise<Credential>) =>
    link.serial(async () => {
      await credentials.use(await get());
      await link.connect();
    });

  return {
    kind: 'workspace',
    async start(eventSink, statusSink) {
      link.start(eventSink, statusSink);
      await link.serial(async () => {
        await credentials.load();
        await link.connect();
      });
    },
    async stop() {
      await link.stop();
      client.close();
    },
    applyAttachedData(interactionId, data, writeId) {
      return writeUserData(link, interactionId, data, writeId);
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
      return link.serial(async () => {
        await link.disconnect();
        // Best effort: a sign-out must work offline too.
        if (credentials.current) await link.http.call('POST', '/logout').catch(() => undefined);
        await credentials.forget();
        link.forgetInteractions();
        link.report({ state: 'signed-out', detail: { code: 'sign-in-needed' } });
      });
    },
  };
}
