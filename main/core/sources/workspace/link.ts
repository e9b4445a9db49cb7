// The Workspace source's link to the API: one connection at a time (connection.ts) from the stored sign-in
// (credentials.ts), the status the sidebar shows, a retry after the API was unreachable, and the end of the
// sign-in when the server refuses it (only the agent can bring it back). Connect, sign-in and sign-out run one
// at a time through `serial`.
import type { SourceDetail } from '../../../../common/contract';
import type { Logger } from '../../../../common/logger';
import type { SourceEvent } from '../../../../common/source-events';
import type { HttpClient } from '../../net/http-client';
import type { SourceStatus } from '../port';
import { WorkspaceHttp } from './api';
import { SessionRefused, WorkspaceConnection } from './connection';
import type { Credentials } from './credentials';
import { NotificationTranslator } from './translate';

export interface LinkOptions {
  client: HttpClient;
  /** `<workspaceUrl>` without a trailing slash. */
  base: string;
  apiKey: string;
  timeoutMs: number;
  retryMs: number;
  dn: string;
  place: string;
  credentials: Credentials;
  log: Logger;
}

export class WorkspaceLink {
  status: SourceStatus = { state: 'starting' };
  http: WorkspaceHttp;
  // The translator outlives a reconnect or a new sign-in: the agent's interactions (and the transcript
  // positions already reported) are the same ones; only a sign-out forgets them.
  translator = new NotificationTranslator();
  readonly host: string;
  private onEvent: (e: SourceEvent) => void = () => undefined;
  private onStatus: (s: SourceStatus) => void = () => undefined;
  private connection: WorkspaceConnection | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** The 'up' detail, shown again after the channel recovers. */
  private signedInAs: SourceDetail | undefined;
  private stopped = false;
  private chain: Promise<unknown> = Promise.resolve();
  /** What the sidebar shows when the server refuses the sign-in (with a key: expired; without: which setting). */
  private readonly refusedDetail: SourceDetail;

  constructor(private readonly opts: LinkOptions) {
    this.host = new URL(opts.base).host;
    this.http = this.newHttp();
    this.refusedDetail = opts.apiKey
      ? { code: 'sign-in-expired' }
      : { code: 'sign-in-refused', params: { host: this.host } };
  }

  /** Serialises connect / sign-in / sign-out so two never interleave. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  start(onEvent: (e: SourceEvent) => void, onStatus: (s: SourceStatus) => void): void {
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.stopped = false;
    this.report({ state: 'starting' });
  }

  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    return this.serial(() => this.disconnect());
  }

  report(s: SourceStatus): void {
    this.status = s;
    this.opts.log.info('status', { state: s.state, detail: s.detail });
    this.onStatus(s);
  }

  async disconnect(): Promise<void> {
    clearTimeout(this.retryTimer);
    const c = this.connection;
    this.connection = undefined;
    await c?.close();
  }

  /** The sign-in is over: only the agent can bring it back. */
  async signedOut(detail: SourceDetail): Promise<void> {
    await this.disconnect();
    await this.opts.credentials.forget();
    this.report({ state: 'signed-out', detail });
  }

  /** A sign-out forgets the agent's interactions too. */
  forgetInteractions(): void {
    this.translator = new NotificationTranslator();
  }

  /** For a request the server may refuse: ends the sign-in of the connection current now, if it is still current. */
  refusal(): () => void {
    const c = this.connection;
    return () => {
      if (c) void this.serial(() => this.refused(c));
    };
  }

  async connect(): Promise<void> {
    if (this.stopped) return;
    await this.disconnect();
    const { credentials, log } = this.opts;
    const credential = credentials.current;
    if (!credential) return this.report({ state: 'signed-out', detail: { code: 'sign-in-needed' } });
    if (credentials.expired()) return this.signedOut({ code: 'sign-in-expired' });
    this.report({ state: 'starting', detail: { code: 'connecting', params: { host: this.host } } });
    this.http = this.newHttp();
    const c = this.newConnection();
    this.connection = c;
    try {
      const user = await c.open(credential);
      this.signedInAs = { code: 'signed-in', params: { host: this.host, user: user || null } };
      this.report({ state: 'up', detail: this.signedInAs });
    } catch (err) {
      if (this.connection === c) await this.disconnect();
      const problem = (err as Error).message;
      if (err instanceof SessionRefused) {
        log.warn('the Workspace API refused the sign-in', { why: problem });
        return this.signedOut(this.refusedDetail);
      }
      // A one-shot code that reached the server cannot be used again: the agent must sign in anew.
      if (credential.kind === 'code')
        return this.signedOut({ code: 'sign-in-failed', params: { host: this.host, problem } });
      this.scheduleRetry({ code: 'workspace-unusable', params: { host: this.host, problem } });
    }
  }

  private newHttp(): WorkspaceHttp {
    const { client, base, apiKey, timeoutMs } = this.opts;
    return new WorkspaceHttp({ client, base, apiKey, timeoutMs });
  }

  private newConnection(): WorkspaceConnection {
    const http = this.http;
    const c: WorkspaceConnection = new WorkspaceConnection({
      http,
      log: this.opts.log,
      timeoutMs: this.opts.timeoutMs,
      dn: this.opts.dn,
      place: this.opts.place,
      translator: this.translator,
      emit: (events) => events.forEach((e) => this.onEvent(e)),
      onConnection: (state, detail) => {
        if (this.connection !== c || this.status.state === 'signed-out') return;
        this.report({ state, detail: state === 'up' ? (this.signedInAs ?? detail) : detail });
      },
      onRefused: () => void this.serial(() => this.refused(c)),
      onInitialized: () => this.opts.credentials.opened(http.jar.header()),
    });
    return c;
  }

  private scheduleRetry(detail: SourceDetail): void {
    this.report({ state: 'down', detail });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.serial(() => this.connect()), this.opts.retryMs);
  }

  private async refused(c: WorkspaceConnection): Promise<void> {
    if (this.connection !== c) return;
    this.opts.log.warn('the Workspace API refused the session');
    await this.signedOut(this.refusedDetail);
  }
}
