// One co-browse session joined as Controller: its own CometD client, cookie jar and transports, the join in the
// spec's order, the session's notifications as events, and the watchdog that notices a lost node.
import { CometD, type Message } from 'cometd';
import type { z } from 'zod';
import {
  ActivatedNotification,
  CometErrorReply,
  DeactivatedNotification,
  EmptyReply,
  JoinReply,
  JoinRequest,
  JoinedNotification,
  Role,
  STICKY_COOKIE,
  TOKEN_PATTERN,
  channels,
  parseReply,
  paths,
  type CometErrorCode,
} from '../../../common/protocol';
import type { Logger } from '../../../common/logger';
import { maskToken } from '../../../common/mask';
import { CookieJar } from '../net/cookie-jar';
import { withDeadline } from '../net/deadline';
import type { HttpClient } from '../net/http-client';
import { resolveOwner, type Stickiness } from './owner';
import { getSession, isHealthy, networkError, stopSession } from './rest';
import {
  SessionLongPollingTransport,
  SessionWebSocketTransport,
  ensureCometdRuntime,
  type TransportFailure,
} from '../net/transports';
import {
  ControllerError,
  type ConnectionState,
  type ControllerErrorCode,
  type ControllerEvent,
  type ControllerSession,
  type JoinOptions,
  type JoinResult,
  type JoinStep,
  type SessionOwner,
} from './types';

export interface Deadlines {
  /** Each REST call (get-session, stop). */
  restMs: number;
  handshakeMs: number;
  /** Join, and exit: publish → reply. */
  joinMs: number;
  /** Polite /meta/disconnect before the connection is dropped anyway. */
  disconnectMs: number;
  /** How long the server may hold a long-poll: bounds how late a silently dead node is noticed. */
  longPollMs: number;
  /** Grace beyond `longPollMs` for a long-poll answer before the owner's health is probed. */
  networkDelayMs: number;
  /** The owner's health probe after a failed or late long-poll. */
  probeMs: number;
}

// Node loss is noticed within longPoll + networkDelay + probe = 2 s even when no socket closes.
export const defaultDeadlines: Deadlines = {
  restMs: 5000,
  handshakeMs: 10_000,
  joinMs: 10_000,
  disconnectMs: 2000,
  longPollMs: 1000,
  networkDelayMs: 600,
  probeMs: 400,
};

export interface SessionContext {
  client: HttpClient;
  serviceBase: string;
  origin: string;
  stickiness: Stickiness;
  transport: 'long-polling' | 'websocket';
  agentName: string;
  deadlines: Deadlines;
  logger: Logger;
  /** Told when each join step completes, with the ms since the join began (benches, diagnostics). */
  onStep?: ((step: JoinStep, elapsedMs: number) => void) | undefined;
  /** Called once when the session is closed, for the controller's bookkeeping. */
  onClosed(session: ControllerSession): void;
}

const cometCodes: Record<CometErrorCode, ControllerErrorCode> = {
  'session-not-found': 'session-not-found',
  'session-ended': 'session-ended',
  'not-owner': 'not-owner',
  forbidden: 'join-refused',
  'invalid-request': 'join-refused',
};

/** Validate → get-session → stickiness → handshake → join as role 3 → the reply. */
export async function joinSession(
  token: string,
  options: JoinOptions,
  ctx: SessionContext,
): Promise<ControllerSession> {
  if (!TOKEN_PATTERN.test(token))
    throw new ControllerError(
      'invalid-token',
      'A session ID is exactly 9 digits; ask the customer to read it again.',
      { step: 'validate' },
    );
  const started = performance.now();
  const traced = (step: JoinStep) => ctx.onStep?.(step, performance.now() - started);
  const serviceHost = new URL(ctx.serviceBase).host;
  const info = await withDeadline(
    'get-session',
    ctx.deadlines.restMs,
    { host: serviceHost, outer: options.signal },
    (signal) => getSession({ client: ctx.client, base: ctx.serviceBase, signal }, token, ctx.origin),
  );
  traced('get-session');
  const session = new CometSession(token, resolveOwner(info, ctx.stickiness, ctx.serviceBase), options, ctx);
  try {
    await session.connect(options.signal, traced);
    return session;
  } catch (e) {
    void session.close(); // bounded by the disconnect deadline; the caller hears of the failure right away
    throw e;
  }
}

class CometSession implements ControllerSession {
  readonly #cometd: CometD;
  readonly #jar = new CookieJar();
  readonly #host: string;
  readonly #log: Logger;
  readonly #d: Deadlines;
  #result: JoinResult | undefined;
  #lastFailure: TransportFailure | undefined;
  /** Events wait here until the caller holds the session (the join promise resolved). */
  #gate: ControllerEvent[] | null = [];
  #state: ConnectionState = 'connecting';
  #activationTime: number | undefined;
  #ended = false;
  #closed = false;
  #closing: Promise<void> | undefined;
  #probing = false;
  #watchdog: NodeJS.Timeout | undefined;
  #onDeactivated: (() => void)[] = [];

  constructor(
    readonly token: string,
    readonly owner: SessionOwner,
    private readonly options: JoinOptions,
    private readonly ctx: SessionContext,
  ) {
    this.#host = new URL(owner.baseUrl).host;
    this.#log = ctx.logger.child(`session ${maskToken(token)}`);
    this.#d = ctx.deadlines;
    ensureCometdRuntime(); // before the first CometD: it reads `window` in its constructor
    this.#cometd = new CometD();
    if (owner.cookie) this.#jar.set(STICKY_COOKIE, owner.sessionServerName);
    this.#setUpCometd();
  }

  get result(): JoinResult {
    if (!this.#result) throw new ControllerError('closed', 'the session has not joined', { step: 'join' });
    return this.#result;
  }

  #setUpCometd(): void {
    const cometd = this.#cometd;
    const io = {
      client: this.ctx.client,
      jar: this.#jar,
      onFailure: (f: TransportFailure) => {
        this.#lastFailure = f;
      },
    };
    cometd.unregisterTransports();
    // WebSocket first when chosen; long-polling stays registered as the fallback cometd negotiates down to.
    if (this.ctx.transport === 'websocket')
      cometd.registerTransport('websocket', new SessionWebSocketTransport(io, this.ctx.client.ca));
    cometd.registerTransport('long-polling', new SessionLongPollingTransport(io));
    cometd.configure({
      url: this.owner.baseUrl + paths.cometd,
      logLevel: 'warn',
      useWorkerScheduler: false,
      appendMessageTypeToURL: false,
      maxNetworkDelay: this.#d.joinMs,
    });
    const longPoll = this.#d.longPollMs;
    cometd.registerExtension('controller-watch', {
      // Ask for short long-polls (the server's default is far longer) and watch each one come back.
      outgoing: (m: Message) => {
        if (m.channel === '/meta/connect') {
          m.advice ??= { timeout: longPoll };
          this.#arm((m.advice.timeout ?? longPoll) + this.#d.networkDelayMs);
        } else if (m.channel === '/meta/handshake' && this.#result && !this.#closed) {
          // The server forgot our client: a re-handshake would not re-join the session, so never do it silently.
          this.#lose(`${this.#host} no longer knows this connection`);
        }
        return m;
      },
      incoming: (m: Message) => {
        if (m.channel === '/meta/connect') this.#disarm();
        if (m.advice?.timeout !== undefined && m.advice.timeout > longPoll)
          m.advice = { ...m.advice, timeout: longPoll };
        return m;
      },
    });
    cometd.addListener('/meta/connect', (m: Message) => this.#onConnectReply(m));
    cometd.addListener(channels.joined, (m: Message) => {
      const n = JoinedNotification.safeParse(m.data);
      if (n.success) this.#emit({ type: 'joined', user: n.data });
      else this.#malformed(channels.joined, m.data);
    });
    cometd.addListener(channels.activated, (m: Message) => {
      const n = ActivatedNotification.safeParse(m.data);
      if (!n.success) return this.#malformed(channels.activated, m.data);
      this.#activationTime = n.data.activationTime;
      this.#emit({ type: 'activated', activationTime: n.data.activationTime });
    });
    cometd.addListener(channels.deactivated, (m: Message) => {
      const n = DeactivatedNotification.safeParse(m.data);
      if (!n.success) return this.#malformed(channels.deactivated, m.data);
      this.#deactivated({
        ...(n.data.activationTime !== undefined ? { activationTime: n.data.activationTime } : {}),
        deactivationTime: n.data.deactivationTime,
        reason: n.data.reason ?? 'unknown',
      });
      // The session is over for everyone: disconnect, no exit (the spec's rule).
      void this.close();
    });
  }

  async connect(signal: AbortSignal | undefined, traced: (step: JoinStep) => void): Promise<void> {
    const where = { host: this.#host, outer: signal };
    await withDeadline('handshake', this.#d.handshakeMs, where, () => this.#handshake());
    traced('handshake');
    const request = JoinRequest.parse({
      sessionToken: this.token,
      role: Role.controller,
      name: this.ctx.agentName,
    });
    const reply = await withDeadline('join', this.#d.joinMs, where, (s) =>
      this.#request(channels.join, request, JoinReply, 'join', s),
    );
    traced('join');
    this.#result = { ...reply, owner: this.owner };
    this.#log.info('joined as controller', { node: this.owner.sessionServerName, users: reply.users.length });
    this.#setState('connected');
    // Hand out queued events only once the caller has the session in hand.
    setImmediate(() => this.#openGate());
  }

  #handshake(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#cometd.handshake((m: Message) => {
        if (m.successful) resolve();
        // A refused WebSocket is not the end: cometd retries at once over long-polling (still registered).
        else if (this.#cometd.getTransport()?.type === 'websocket')
          this.#log.info('WebSocket refused, falling back');
        else reject(this.#transportError('handshake', m));
      });
    });
  }

  /** Publishes on a service channel and waits for the server's reply on the same channel. */
  #request<S extends z.ZodType>(
    channel: string,
    data: unknown,
    schema: S,
    step: JoinStep,
    signal: AbortSignal,
  ) {
    return new Promise<z.infer<S>>((resolve, reject) => {
      const done = () => {
        this.#cometd.removeListener(handle);
        signal.removeEventListener('abort', done);
      };
      signal.addEventListener('abort', done, { once: true });
      const handle = this.#cometd.addListener(channel, (m: Message) => {
        if (m.data === undefined) return;
        done();
        const r = parseReply(schema, m.data);
        if (r.ok) return resolve(r.value);
        const server = CometErrorReply.safeParse(m.data);
        if (!server.success)
          return reject(
            new ControllerError(
              'protocol',
              `${this.#host} sent a malformed ${step} reply: ${r.error.message}`,
              { step, host: this.#host },
            ),
          );
        reject(
          new ControllerError(
            cometCodes[server.data.error],
            `${this.#host} refused the ${step}: ${server.data.message} (${server.data.error})`,
            {
              step,
              host: this.#host,
              serverCode: server.data.error,
            },
          ),
        );
      });
      try {
        this.#cometd.publish(channel, data, (ack: Message) => {
          if (ack.successful) return;
          done();
          reject(this.#transportError(step, ack));
        });
      } catch {
        // cometd throws when it is already disconnected (the node went away meanwhile).
        done();
        reject(
          new ControllerError('closed', `the connection to ${this.#host} closed before the ${step}`, {
            step,
            host: this.#host,
          }),
        );
      }
    });
  }

  /** A failed Bayeux exchange, explained from what the transport last saw. */
  #transportError(step: JoinStep, m: Message): ControllerError {
    const f = this.#lastFailure;
    const host = this.#host;
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

  #onConnectReply(m: Message): void {
    if (!this.#result || this.#closed) return;
    if (m.successful) return this.#setState('connected');
    this.#setState('reconnecting', `long-poll to ${this.#host} failed`);
    this.#probe();
  }

  #arm(ms: number): void {
    this.#disarm();
    this.#watchdog = setTimeout(() => {
      if (this.#result && !this.#closed) this.#probe();
    }, ms);
  }

  #disarm(): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
  }

  /** Is the owner still there? Only a failed health check ends the session: a blip just reconnects. */
  #probe(): void {
    if (this.#probing || this.#closed) return;
    this.#probing = true;
    const cookie = this.owner.cookie;
    void isHealthy({
      client: this.ctx.client,
      base: this.owner.baseUrl,
      cookie,
      signal: AbortSignal.timeout(this.#d.probeMs),
    }).then((alive) => {
      this.#probing = false;
      if (!alive) this.#lose(`node ${this.owner.sessionServerName} (${this.#host}) does not answer`);
    });
  }

  #lose(detail: string): void {
    if (this.#closed || this.#ended) return;
    this.#log.warn('node lost', { detail });
    this.#setState('lost', detail);
    this.#deactivated({
      ...(this.#activationTime !== undefined ? { activationTime: this.#activationTime } : {}),
      deactivationTime: Date.now(),
      reason: 'node-lost',
    });
    void this.close();
  }

  #deactivated(e: Omit<Extract<ControllerEvent, { type: 'deactivated' }>, 'type'>): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#log.info('session ended', { reason: e.reason });
    this.#emit({ type: 'deactivated', ...e });
    for (const resolve of this.#onDeactivated.splice(0)) resolve();
  }

  #setState(state: ConnectionState, detail?: string): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#emit({ type: 'connection', state, ...(detail ? { detail } : {}) });
  }

  #malformed(channel: string, data: unknown): void {
    this.#log.warn('protocol: malformed notification dropped', { channel, data });
  }

  #emit(event: ControllerEvent): void {
    if (this.#gate) return void this.#gate.push(event);
    try {
      this.options.onEvent(event);
    } catch (e) {
      this.#log.error('event handler threw', { event: event.type, err: e });
    }
  }

  #openGate(): void {
    const queued = this.#gate ?? [];
    this.#gate = null;
    for (const e of queued) this.#emit(e);
  }

  #ensureOpen(step: JoinStep): void {
    if (this.#closed || this.#ended)
      throw new ControllerError('closed', `the session has already ended or been closed (${step})`, {
        step,
        host: this.#host,
      });
  }

  async exit(): Promise<void> {
    this.#ensureOpen('exit');
    try {
      await withDeadline('exit', this.#d.joinMs, { host: this.#host }, (s) =>
        this.#request(channels.exit, { userToken: this.result.userToken }, EmptyReply, 'exit', s),
      );
    } finally {
      await this.close();
    }
  }

  async stop(): Promise<{ activationTime?: number; deactivationTime: number }> {
    this.#ensureOpen('stop');
    const times = await withDeadline('stop', this.#d.restMs, { host: this.#host }, (signal) =>
      stopSession(
        { client: this.ctx.client, base: this.owner.baseUrl, cookie: this.#jar.header(), signal },
        this.result.userToken,
      ),
    );
    // The server notifies the deactivation too; give it a moment so the event carries the server's own words.
    if (!this.#ended)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#d.restMs);
        this.#onDeactivated.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    this.#deactivated({ ...times, reason: 'controller-stop' });
    await this.close();
    return times;
  }

  close(): Promise<void> {
    this.#closing ??= this.#teardown();
    return this.#closing;
  }

  async #teardown(): Promise<void> {
    this.#closed = true;
    this.#disarm();
    const cometd = this.#cometd;
    if (!cometd.isDisconnected())
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#d.disconnectMs);
        cometd.disconnect(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    // Whatever the server did with the disconnect, nothing of this session stays in flight.
    cometd.getTransport()?.abort();
    cometd.clearListeners();
    this.#setState('closed');
    for (const resolve of this.#onDeactivated.splice(0)) resolve();
    this.ctx.onClosed(this);
  }
}
