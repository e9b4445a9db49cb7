// The Workspace notification channel: CometD long-polling at `/workspace/v3/notifications`, through the
// controller's per-session transport (our HttpClient + this connection's own CookieJar, since
// cometd-nodejs-client's adapt() shares one cookie jar per host across the process). The Workspace session
// cookie set by initialize-workspace and the API key ride on every request, long-polls included.
import { AckExtension, CometD, type Message } from 'cometd';
import type { CookieJar } from '../../net/cookie-jar';
import type { HttpClient } from '../../net/http-client';
import {
  SessionLongPollingTransport,
  ensureCometdRuntime,
  type TransportFailure,
} from '../../net/transports';
import type { SourceDetail } from '../../../../common/contract';
import type { Logger } from '../../../../common/logger';
import { notificationChannels } from '../../../../common/workspace-wire';

export interface NotificationEvents {
  onMessage(channel: string, data: unknown): void;
  /** `up` after each successful connect following a failure; `down` while long-polls fail. */
  onConnection(state: 'up' | 'down', detail: SourceDetail): void;
  /** The server refused a request with 401/403: the Workspace session is gone. */
  onUnauthorized(status: number): void;
  /** A handshake after the first: the server had forgotten us, so notifications may have been missed. */
  onRehandshake(): void;
}

export interface NotificationOptions {
  client: HttpClient;
  jar: CookieJar;
  /** `<workspaceUrl>/workspace/v3/notifications` */
  url: string;
  log: Logger;
  handshakeMs?: number;
  /** Sent on every CometD request (the API key, as Genesys's clients set cometd's `requestHeaders`). */
  headers?: Record<string, string>;
}

export class WorkspaceNotifications {
  private readonly cometd: CometD;
  private readonly host: string;
  private handshakes = 0;
  private healthy = false;
  private closed = false;
  private lastFailure: TransportFailure | undefined;

  constructor(
    private readonly opts: NotificationOptions,
    private readonly events: NotificationEvents,
  ) {
    this.host = new URL(opts.url).host;
    ensureCometdRuntime();
    this.cometd = new CometD();
    this.cometd.unregisterTransports();
    this.cometd.registerTransport(
      'long-polling',
      new SessionLongPollingTransport({
        client: opts.client,
        jar: opts.jar,
        onFailure: (f) => this.onFailure(f),
      }),
    );
    this.cometd.configure({
      url: opts.url,
      requestHeaders: opts.headers ?? {},
      logLevel: 'warn',
      useWorkerScheduler: false,
      appendMessageTypeToURL: false,
      // Reconnect quickly after a blip; cometd adds this much per failed attempt, up to maxBackoff.
      backoffIncrement: 250,
      maxBackoff: 5000,
    });
    // With a server that supports it, acknowledged delivery: a notification flushed onto a long-poll that died
    // on the way is sent again on the next connect, so a dropped channel loses nothing (inert otherwise).
    this.cometd.registerExtension('ack', new AckExtension());
    // Subscriptions do not survive a re-handshake in the cometd client: (re)subscribe on every handshake.
    this.cometd.addListener('/meta/handshake', (m: Message) => {
      if (!m.successful || this.closed) return;
      this.handshakes += 1;
      this.cometd.batch(() => {
        for (const channel of Object.values(notificationChannels))
          this.cometd.subscribe(channel, (msg: Message) => this.events.onMessage(channel, msg.data));
      });
      if (this.handshakes > 1) this.events.onRehandshake();
    });
    this.cometd.addListener('/meta/connect', (m: Message) => this.onConnect(m));
  }

  /** Handshakes; resolves once the server accepted us (subscriptions follow in the same batch). */
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.cometd.disconnect();
        reject(
          new Error(`no CometD handshake from ${this.host} within ${this.opts.handshakeMs ?? 10_000} ms`),
        );
      }, this.opts.handshakeMs ?? 10_000);
      this.cometd.handshake((m: Message) => {
        clearTimeout(timer);
        if (m.successful) return resolve();
        this.cometd.disconnect();
        const f = this.lastFailure;
        reject(
          new Error(
            f?.kind === 'http'
              ? `${this.host} refused the notification handshake with HTTP ${f.status}`
              : f?.kind === 'network'
                ? `${this.host} is unreachable: ${f.failure.message}`
                : `${this.host} refused the notification handshake: ${m.error ?? 'no reason given'}`,
          ),
        );
      });
    });
  }

  private onFailure(f: TransportFailure): void {
    this.lastFailure = f;
    if (f.kind === 'http' && (f.status === 401 || f.status === 403) && !this.closed) {
      this.events.onUnauthorized(f.status);
    }
  }

  private onConnect(m: Message): void {
    if (this.closed) return;
    if (m.successful) {
      if (!this.healthy) {
        this.healthy = true;
        this.events.onConnection('up', { code: 'notifications-up', params: { host: this.host } });
      }
      return;
    }
    if (this.healthy || this.handshakes > 0) {
      this.healthy = false;
      const f = this.lastFailure;
      const why =
        f?.kind === 'http' ? `HTTP ${f.status}` : f?.kind === 'network' ? f.failure.code : 'no answer';
      this.events.onConnection('down', {
        code: 'notifications-lost',
        params: { host: this.host, problem: why },
      });
    }
  }

  close(timeoutMs = 2000): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const cometd = this.cometd;
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        cometd.getTransport()?.abort();
        cometd.clearListeners();
        cometd.clearSubscriptions();
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      if (cometd.isDisconnected()) finish();
      else cometd.disconnect(finish);
    });
  }
}
