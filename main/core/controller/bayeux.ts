// Bayeux request/reply for one session: its own CometD client over the session's transports, a publish on a
// service channel answered on the same channel (protocol.md), and failures explained from what the transport
// last saw (unreachable, HTTP status, not CometD at all).
import { CometD, type Message } from 'cometd';
import type { z } from 'zod';
import { CometErrorReply, parseReply, paths, type CometErrorCode } from '../../../common/protocol';
import type { Logger } from '../../../common/logger';
import type { CookieJar } from '../net/cookie-jar';
import type { HttpClient } from '../net/http-client';
import {
  SessionLongPollingTransport,
  SessionWebSocketTransport,
  ensureCometdRuntime,
  type PingPolicy,
  type TransportFailure,
} from '../net/transports';
import { networkError } from './rest';
import { ControllerError, type ControllerErrorCode, type JoinStep } from './types';
import type { TransportKind } from '../../../common/settings-schema';

const cometCodes: Record<CometErrorCode, ControllerErrorCode> = {
  'session-not-found': 'session-not-found',
  'session-ended': 'session-ended',
  'not-owner': 'not-owner',
  forbidden: 'join-refused',
  'invalid-request': 'join-refused',
};

export interface BayeuxOptions {
  baseUrl: string;
  client: HttpClient;
  jar: CookieJar;
  transport: TransportKind;
  ping: PingPolicy;
  /** cometd's own wait for any reply beyond a long-poll's timeout. */
  maxNetworkDelayMs: number;
  logger: Logger;
}

export class BayeuxClient {
  readonly cometd: CometD;
  readonly host: string;
  #lastFailure: TransportFailure | undefined;

  constructor(private readonly o: BayeuxOptions) {
    this.host = new URL(o.baseUrl).host;
    ensureCometdRuntime(); // before the first CometD: it reads `window` in its constructor
    const cometd = (this.cometd = new CometD());
    const io = { client: o.client, jar: o.jar, onFailure: (f: TransportFailure) => (this.#lastFailure = f) };
    cometd.unregisterTransports();
    // WebSocket first when chosen; long-polling stays registered as the fallback cometd negotiates down to.
    if (o.transport === 'websocket')
      cometd.registerTransport('websocket', new SessionWebSocketTransport(io, o.client.ca, o.ping));
    cometd.registerTransport('long-polling', new SessionLongPollingTransport(io));
    cometd.configure({
      url: o.baseUrl + paths.cometd,
      logLevel: 'warn',
      useWorkerScheduler: false,
      appendMessageTypeToURL: false,
      maxNetworkDelay: o.maxNetworkDelayMs,
      // After a blip (the owner answered its probe) cometd retries; a short, capped backoff shows the session
      // connected again within about a second instead of cometd's default climb to 60 s.
      backoffIncrement: 250,
      maxBackoff: 1000,
    });
  }

  /** The transport the session ended up on (after any fallback). */
  get transport(): string | undefined {
    return this.cometd.getTransport()?.type;
  }

  handshake(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.cometd.handshake((m: Message) => {
        if (m.successful) resolve();
        // A refused WebSocket is not the end: cometd retries at once over long-polling (still registered).
        else if (this.transport === 'websocket') this.o.logger.info('WebSocket refused, falling back');
        else reject(this.transportError('handshake', m));
      });
    });
  }

  /** Publishes on a service channel and waits for the server's reply on the same channel. */
  request<S extends z.ZodType>(
    channel: string,
    data: unknown,
    schema: S,
    step: JoinStep,
    signal: AbortSignal,
  ) {
    const host = this.host;
    return new Promise<z.infer<S>>((resolve, reject) => {
      const done = () => {
        this.cometd.removeListener(handle);
        signal.removeEventListener('abort', done);
      };
      signal.addEventListener('abort', done, { once: true });
      const handle = this.cometd.addListener(channel, (m: Message) => {
        if (m.data === undefined) return;
        done();
        const r = parseReply(schema, m.data);
        if (r.ok) return resolve(r.value);
        const server = CometErrorReply.safeParse(m.data);
        if (!server.success)
          return reject(
            new ControllerError('protocol', `${host} sent a malformed ${step} reply: ${r.error.message}`, {
              step,
              host,
            }),
          );
        reject(
          new ControllerError(
            cometCodes[server.data.error],
            `${host} refused the ${step}: ${server.data.message} (${server.data.error})`,
            { step, host, serverCode: server.data.error },
          ),
        );
      });
      try {
        this.cometd.publish(channel, data, (ack: Message) => {
          if (ack.successful) return;
          done();
          reject(this.transportError(step, ack));
        });
      } catch {
        // cometd throws when it is already disconnected (the node went away meanwhile).
        done();
        reject(
          new ControllerError('closed', `the connection to ${host} closed before the ${step}`, {
            step,
            host,
          }),
        );
      }
    });
  }

  /** A failed Bayeux exchange, explained from what the transport last saw. */
  transportError(step: JoinStep, m: Message): ControllerError {
    const f = this.#lastFailure;
    const host = this.host;
    if (f?.kind === 'network') return networkError(f.failure, step);
    if (f?.kind === 'http' && (f.status === 502 || f.status === 503))
      return new ControllerError(
        'unreachable',
        `${host} answered ${step} with HTTP ${f.status}: the node hosting the session is unavailable`,
        { step, host },
      );
    if (f?.kind === 'http')
      return new ControllerError(
        'protocol',
        `${host} answered ${step} with HTTP ${f.status}; is the service URL right?`,
        { step, host },
      );
    if (f?.kind === 'garbage')
      return new ControllerError(
        'protocol',
        `${host} answered ${step} with something that is not CometD; is the service URL right?`,
        { step, host },
      );
    return new ControllerError('protocol', `${host} refused ${step}: ${m.error ?? 'no reason given'}`, {
      step,
      host,
      ...(m.error ? { serverCode: m.error } : {}),
    });
  }

  /** A polite /meta/disconnect (bounded by `ms`), then nothing of this client stays in flight. */
  async disconnect(ms: number): Promise<void> {
    const cometd = this.cometd;
    if (!cometd.isDisconnected())
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        cometd.disconnect(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    cometd.getTransport()?.abort();
    cometd.clearListeners();
  }
}
