// One co-browse session joined as Controller, its lifecycle: the join in the spec's order, the session's
// notifications as events, exit/stop/close. Bayeux request/reply lives in ./bayeux, node-loss detection in
// ./watchdog.
import type { Message } from 'cometd';
import type { ConnectionDetail } from '../../../common/contract';
import {
  ActivatedNotification,
  DeactivatedNotification,
  EmptyReply,
  JoinReply,
  type JoinRequest,
  type SessionToken,
  JoinedNotification,
  Role,
  STICKY_COOKIE,
  channels,
} from '../../../common/protocol';
import type { Logger } from '../../../common/logger';
import { maskToken } from '../../../common/mask';
import { CookieJar } from '../net/cookie-jar';
import { checkTwice, withDeadline } from '../net/deadline';
import type { HttpClient } from '../net/http-client';
import { BayeuxClient } from './bayeux';
import { resolveOwner } from './owner';
import { getSession, isHealthy, stopSession } from './rest';
import { NodeWatchdog } from './watchdog';
import {
  ControllerError,
  type ConnectionState,
  type ControllerEvent,
  type ControllerSession,
  type JoinOptions,
  type JoinResult,
  type JoinStep,
  type SessionOwner,
} from './types';
import type { StickinessMode, TransportKind } from '../../../common/settings-schema';

export interface Deadlines {
  /** Each REST call (get-session, stop). */
  restMs: number;
  handshakeMs: number;
  /** Join, and exit: publish → reply. */
  joinMs: number;
  /** Polite /meta/disconnect before the connection is dropped anyway. */
  disconnectMs: number;
  /** Grace beyond the server's advised long-poll timeout for its answer before the owner's health is probed. */
  networkDelayMs: number;
  /** The owner's health probe after a failed or late long-poll. */
  probeMs: number;
  /** WebSocket: a ping frame this often; two unanswered in a row drop the socket. */
  pingMs: number;
}

// A crash (closed, reset, refused) is seen at once plus the probe; a silent partition within the server's
// advised long-poll timeout + networkDelay + probe = timeout + 4 s on long-polling (goal: + 5 s), and within
// 3 pings + probe = 7.5 s on WebSocket (goal: 10 s). The long-poll itself lasts what the server advises
// (CometD: 30 s), so an idle session costs about 2 requests a minute.
export const defaultDeadlines: Deadlines = {
  restMs: 5000,
  handshakeMs: 10_000,
  joinMs: 10_000,
  disconnectMs: 2000,
  networkDelayMs: 2500,
  probeMs: 1500,
  pingMs: 2000,
};

export interface SessionContext {
  client: HttpClient;
  serviceBase: string;
  origin: string;
  stickiness: StickinessMode;
  transport: TransportKind;
  agentName: string;
  deadlines: Deadlines;
  logger: Logger;
  /** Told when each join step completes, with the ms since the join began (benches, diagnostics). */
  onStep?: ((step: JoinStep, elapsedMs: number) => void) | undefined;
  /** Called once when the session is closed, for the controller's bookkeeping. */
  onClosed(session: ControllerSession): void;
}

/** Get-session → stickiness → handshake → join as role 3 → the reply (the token was checked where it entered). */
export async function joinSession(
  token: SessionToken,
  options: JoinOptions,
  ctx: SessionContext,
): Promise<ControllerSession> {
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
  const owner = resolveOwner(info, ctx.stickiness, ctx.serviceBase);
  options.onOwner?.(owner);
  const session = new CometSession(token, owner, options, ctx);
  try {
    await session.connect(options.signal, traced);
    return session;
  } catch (e) {
    void session.close(); // bounded by the disconnect deadline; the caller hears of the failure right away
    throw e;
  }
}

class CometSession implements ControllerSession {
  readonly #bayeux: BayeuxClient;
  readonly #watchdog: NodeWatchdog;
  readonly #jar = new CookieJar();
  readonly #host: string;
  readonly #log: Logger;
  readonly #d: Deadlines;
  #result: JoinResult | undefined;
  /** Events wait here until the caller holds the session (the join promise resolved). */
  #gate: ControllerEvent[] | null = [];
  #state: ConnectionState = 'connecting';
  #activationTime: number | undefined;
  #ended = false;
  #closed = false;
  #closing: Promise<void> | undefined;
  #onDeactivated: (() => void)[] = [];

  constructor(
    readonly token: SessionToken,
    readonly owner: SessionOwner,
    private readonly options: JoinOptions,
    private readonly ctx: SessionContext,
  ) {
    this.#host = new URL(owner.baseUrl).host;
    this.#log = ctx.logger.child(`session ${maskToken(token)}`);
    this.#d = ctx.deadlines;
    if (owner.cookie) this.#jar.set(STICKY_COOKIE, owner.sessionServerName);
    this.#bayeux = new BayeuxClient({
      baseUrl: owner.baseUrl,
      client: ctx.client,
      jar: this.#jar,
      transport: ctx.transport,
      ping: { everyMs: this.#d.pingMs, deadAfterMs: 2 * this.#d.pingMs },
      maxNetworkDelayMs: this.#d.joinMs,
      logger: this.#log,
    });
    this.#watchdog = new NodeWatchdog(this.#bayeux.cometd, {
      graceMs: this.#d.networkDelayMs,
      probe: () =>
        checkTwice(this.#d.probeMs, (signal) =>
          isHealthy({ client: ctx.client, base: owner.baseUrl, cookie: owner.cookie, signal }),
        ),
      watching: () => this.#result !== undefined && !this.#closed,
      onConnected: () => this.#setState('connected'),
      onReconnecting: (detail) => this.#setState('reconnecting', detail),
      onLost: (detail) => this.#lose(detail),
      label: `${owner.sessionServerName} (${this.#host})`,
    });
    this.#listen();
  }

  get result(): JoinResult {
    if (!this.#result) throw new ControllerError('closed', 'the session has not joined', { step: 'join' });
    return this.#result;
  }

  #listen(): void {
    const cometd = this.#bayeux.cometd;
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
    await withDeadline('handshake', this.#d.handshakeMs, where, () => this.#bayeux.handshake());
    traced('handshake');
    const request: JoinRequest = {
      sessionToken: this.token,
      role: Role.controller,
      name: this.ctx.agentName,
    };
    const reply = await withDeadline('join', this.#d.joinMs, where, (s) =>
      this.#bayeux.request(channels.join, request, JoinReply, 'join', s),
    );
    traced('join');
    this.#result = { ...reply, owner: this.owner };
    this.#log.info('joined as controller', {
      node: this.owner.sessionServerName,
      users: reply.users.length,
      transport: this.#bayeux.transport,
    });
    this.#setState('connected');
    // Hand out queued events only once the caller has the session in hand.
    setImmediate(() => this.#openGate());
  }

  #lose(detail: ConnectionDetail): void {
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

  #setState(state: ConnectionState, detail?: ConnectionDetail): void {
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
        this.#bayeux.request(channels.exit, { userToken: this.result.userToken }, EmptyReply, 'exit', s),
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
    this.#watchdog.stop();
    // Whatever the server did with the disconnect, nothing of this session stays in flight.
    await this.#bayeux.disconnect(this.#d.disconnectMs);
    this.#setState('closed');
    for (const resolve of this.#onDeactivated.splice(0)) resolve();
    this.ctx.onClosed(this);
  }
}
