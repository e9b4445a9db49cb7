// The interaction lifecycle engine: primary interactions from an InteractionSource, co-browse sessions
// joined through the Controller port, attached data through the durable outbox, the four close scenarios.
// It owns the `interactions`, `selectedInteractionId`, `sessions`, `agentView` and `source` parts of AppState.
import { randomUUID } from 'node:crypto';
import {
  isLivePhase,
  type AppError,
  type AppState,
  type CobrowseSessionView,
  type InteractionView,
} from '../../../common/contract';
import type {
  ConnectionState,
  Controller,
  ControllerEvent,
  ControllerSession,
  SessionOwner,
} from '../controller/types';
import type { Logger } from '../../../common/logger';
import { maskToken } from '../../../common/mask';
import { agentPageUrl, TOKEN_PATTERN } from '../../../common/protocol';
import type { AttachedData, SourceEvent } from '../../../common/source-events';
import type { InteractionSource, SourceStatus } from '../sources/port';
import { onActivation, onJoinReply } from './attached-data';
import { cobrowseTokenIn } from './chat-trigger';
import { appError, closeReasons, endReasons, toAppError } from './messages';
import { openOutbox, type BackoffOptions, type Outbox, type PendingWrite } from './outbox';

export type JoinVia = 'typed' | 'chat' | 'deep-link' | 'local-api';
export interface JoinOptions {
  /** The interaction to attach to; `null` co-browses without one (nothing attached); omitted → the selected one. */
  interactionId?: string | null;
  via: JoinVia;
}

export interface EngineState {
  interactions: InteractionView[];
  selectedInteractionId: string | null;
  sessions: CobrowseSessionView[];
  agentView: AppState['agentView'];
  source: AppState['source'];
  /** The live sessions' CometD connection, worst first; `idle` when none is live. */
  connection: AppState['connection'];
}

export interface EngineOptions {
  controller: Controller;
  source: InteractionSource;
  /** The outbox journal, e.g. `<userData>/attached-data.journal`. */
  journalFile: string;
  log: Logger;
  /** Adds `debug=1` to the agent page URL when true. */
  debug?: () => boolean;
  backoff?: BackoffOptions;
}

type InteractionState = InteractionView['state'];
const MAX_TIMELINE = 200;
const KEEP_SETTLED_SESSIONS = 20;
const CONNECTION_RANK: Record<ConnectionState, number> = {
  closed: 0,
  connected: 1,
  connecting: 2,
  reconnecting: 3,
  lost: 4,
};
const VIEWABLE: ReadonlySet<CobrowseSessionView['phase']> = new Set(['joined', 'waiting-customer', 'active']);

interface Session {
  view: CobrowseSessionView;
  token: string;
  controllerSession?: ControllerSession;
  owner?: SessionOwner;
  /** Set before we end it ourselves, so the deactivation that follows reports our reason. */
  endReason?: string;
  /** Under way once the controller was asked to exit or stop. */
  ending?: Promise<void>;
  connection?: { state: ConnectionState; detail: string | null };
  /** Events that arrived before the join reply was handled. */
  early: ControllerEvent[] | null;
  abort: AbortController;
}

interface Interaction {
  view: Omit<InteractionView, 'attachedData' | 'pendingWrites'>;
  confirmed: Record<string, string>;
  /** A close scenario is under way: no new co-browse on it. */
  ending: boolean;
}

export class InteractionEngine {
  private readonly interactions = new Map<string, Interaction>();
  private readonly sessions: Session[] = [];
  private selected: string | null = null;
  private sourceState: AppState['source'];
  private readonly listeners = new Set<(state: EngineState) => void>();
  private outbox!: Outbox;
  private readonly log: Logger;

  private constructor(private readonly opts: EngineOptions) {
    this.log = opts.log.child('interactions');
    this.sourceState = { kind: opts.source.kind, state: 'starting', detail: null };
  }

  /** Opens the outbox (delivering what a previous run left pending); call `start()` to start the source. */
  static async create(opts: EngineOptions): Promise<InteractionEngine> {
    const engine = new InteractionEngine(opts);
    engine.outbox = await openOutbox({
      file: opts.journalFile,
      log: engine.log,
      backoff: opts.backoff,
      deliver: (id, data, writeId) => opts.source.applyAttachedData(id, data, writeId),
      onDelivered: (write) => engine.delivered(write),
      onAbandoned: (write, reason) => engine.abandoned(write, reason),
      onChange: () => engine.emit(),
    });
    return engine;
  }

  async start(): Promise<void> {
    await this.opts.source.start(
      (event) => this.onSourceEvent(event),
      (status) => this.onSourceStatus(status),
    );
  }

  subscribe(listener: (state: EngineState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getState(): EngineState {
    const pending = this.outbox.pending();
    return {
      interactions: [...this.interactions.values()].map((i) => this.interactionView(i, pending)),
      selectedInteractionId: this.selected,
      sessions: this.sessions.map((s) => ({ ...s.view })),
      agentView: this.agentView(),
      source: { ...this.sourceState },
      connection: this.connection(),
    };
  }

  selectInteraction(id: string | null): void {
    if (id !== null && !this.interactions.has(id)) throw new RangeError(`unknown interaction ${id}`);
    this.selected = id;
    this.emit();
  }

  /** Starts a co-browse join; resolves with the local session id once the attempt is settled (joined or failed). */
  async join(token: string, options: JoinOptions): Promise<string> {
    const interactionId = options.interactionId === undefined ? this.selected : options.interactionId;
    const existing = this.sessions.find((s) => s.token === token && isLivePhase(s.view.phase));
    if (existing) {
      this.log.info('join ignored: already joining or joined this session', { token: maskToken(token) });
      return existing.view.id;
    }
    const session = this.newSession(token, interactionId);
    const inter = interactionId === null ? undefined : this.interactions.get(interactionId);
    const refusal = !TOKEN_PATTERN.test(token)
      ? appError('invalid-token')
      : interactionId !== null && !inter
        ? appError('unknown-interaction')
        : inter && (inter.ending || inter.view.state !== 'active')
          ? appError('interaction-ended')
          : null;
    if (refusal) {
      this.fail(session, refusal);
      return session.view.id;
    }
    this.log.info('joining', { token: maskToken(token), interactionId, via: options.via });
    try {
      session.controllerSession = await this.opts.controller.join(token, {
        onEvent: (event) => this.onControllerEvent(session, event),
        signal: session.abort.signal,
      });
    } catch (err) {
      // Cancelled by a close scenario or a stop while joining: that is an end with a reason, not a failure.
      if (session.endReason !== undefined) {
        session.early = null;
        this.ended(session, session.endReason, Date.now());
        this.emit();
      } else this.fail(session, toAppError(err));
      return session.view.id;
    }
    await this.joined(session, inter);
    return session.view.id;
  }

  /** The agent leaves; the session goes on for the others only if the server says so. */
  exit(sessionId: string): Promise<void> {
    return this.end(this.byId(sessionId), 'exit', closeReasons.agentExit);
  }

  /** The agent ends the session for everyone. */
  stop(sessionId: string): Promise<void> {
    return this.end(this.byId(sessionId), 'stop', closeReasons.agentStop);
  }

  /** Resolves when every attached-data write has been acknowledged by the source. */
  outboxDrained(): Promise<void> {
    return this.outbox.drained();
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.sessions.map((s) => s.controllerSession?.close()));
    await this.opts.source.stop();
    await this.outbox.close();
    this.listeners.clear();
  }

  // ---- sessions ----

  private newSession(token: string, interactionId: string | null): Session {
    const session: Session = {
      token,
      early: [],
      abort: new AbortController(),
      view: {
        id: randomUUID(),
        tokenMasked: maskToken(token),
        interactionId,
        sessionHistoryId: null,
        phase: 'connecting',
        joinedAt: null,
        activatedAt: null,
        endedAt: null,
        endReason: null,
        error: null,
      },
    };
    this.forgetOldSessions();
    this.sessions.push(session);
    this.emit();
    return session;
  }

  private async joined(session: Session, inter: Interaction | undefined): Promise<void> {
    const result = session.controllerSession!.result;
    session.owner = result.owner;
    session.view.sessionHistoryId = result.sessionHistoryId;
    if (inter) {
      inter.view.cobrowseQuantity += 1;
      this.note(inter, `co-browse joined (session ${session.view.tokenMasked})`);
      // Journaled before the session shows as joined: whoever sees `joined` sees the write pending.
      await this.write(inter, onJoinReply(inter.view.cobrowseQuantity, result.sessionHistoryId));
    }
    Object.assign(session.view, { phase: 'joined', joinedAt: Date.now() });
    this.emit();
    const early = session.early ?? [];
    session.early = null;
    for (const event of early) this.onControllerEvent(session, event);
    // A close scenario (or a stop) arrived while the join was under way: carry it out now.
    if (session.endReason !== undefined || (inter && inter.ending)) {
      await this.end(session, 'stop', session.endReason ?? closeReasons.closed);
    }
  }

  private onControllerEvent(session: Session, event: ControllerEvent): void {
    if (session.early) {
      session.early.push(event);
      return;
    }
    const inter = this.interactionOf(session);
    switch (event.type) {
      case 'activated':
        if (VIEWABLE.has(session.view.phase)) void this.activated(session, inter, event.activationTime);
        return;
      case 'deactivated':
        this.ended(session, session.endReason ?? endReasons[event.reason], event.deactivationTime);
        if (event.reason === 'node-lost' && session.endReason === undefined)
          session.view.error = appError('node-lost');
        void session.controllerSession?.close();
        this.emit();
        return;
      case 'connection':
        session.connection = { state: event.state, detail: event.detail ?? null };
        this.emit();
        return;
      case 'joined':
        this.log.debug('controller event', { type: event.type });
        return;
    }
  }

  private async activated(session: Session, inter: Interaction | undefined, activationTime: number) {
    session.view.activatedAt = activationTime;
    if (inter) {
      this.note(inter, 'co-browse active');
      // Journaled before the session shows as active, as on the join reply.
      await this.write(inter, onActivation(activationTime));
    }
    if (!VIEWABLE.has(session.view.phase)) return;
    session.view.phase = 'active';
    this.emit();
  }

  /** Ends the session through the controller; a second call while it is ending waits for the first. */
  private end(session: Session, how: 'exit' | 'stop', reason: string): Promise<void> {
    if (session.ending) return session.ending;
    if (!isLivePhase(session.view.phase)) return Promise.resolve();
    session.endReason ??= reason;
    const cs = session.controllerSession;
    if (!cs) {
      // Still joining: cancel it; `joined` stops it if the reply wins the race.
      session.abort.abort();
      return Promise.resolve();
    }
    session.view.phase = 'ending';
    this.emit();
    session.ending = (async () => {
      try {
        if (how === 'stop') await cs.stop();
        else await cs.exit();
      } catch (err) {
        this.log.warn(`${how} failed; ending locally`, { error: err });
        session.view.error = toAppError(err);
      }
      await cs.close().catch(() => undefined);
      this.ended(session, session.endReason ?? reason, Date.now());
      this.emit();
    })();
    return session.ending;
  }

  /**
   * The app stays open all shift: settled sessions beyond the most recent few are dropped (their story stays
   * on the interaction's timeline), so neither memory nor every state push grows with the day.
   */
  private forgetOldSessions(): void {
    const settled = this.sessions.filter((s) => !isLivePhase(s.view.phase));
    // Called before a new session is added: leave room for it to settle too.
    for (const old of settled.slice(0, Math.max(0, settled.length - KEEP_SETTLED_SESSIONS + 1)))
      this.sessions.splice(this.sessions.indexOf(old), 1);
  }

  private ended(session: Session, reason: string, at: number): void {
    if (session.view.phase === 'ended' || session.view.phase === 'failed') return;
    Object.assign(session.view, { phase: 'ended', endedAt: at, endReason: reason });
    const inter = this.interactionOf(session);
    if (inter) this.note(inter, `co-browse ended: ${reason}`);
  }

  private fail(session: Session, error: AppError): void {
    session.early = null;
    Object.assign(session.view, { phase: 'failed', endedAt: Date.now(), error });
    const inter = this.interactionOf(session);
    if (inter) this.note(inter, `co-browse failed: ${error.message}`);
    this.emit();
  }

  private byId(sessionId: string): Session {
    const s = this.sessions.find((x) => x.view.id === sessionId);
    if (!s) throw new RangeError(`unknown co-browse session ${sessionId}`);
    return s;
  }

  private interactionOf(session: Session): Interaction | undefined {
    return session.view.interactionId === null
      ? undefined
      : this.interactions.get(session.view.interactionId);
  }

  // ---- interactions ----

  private onSourceEvent(event: SourceEvent): void {
    if (event.type === 'interaction-added') return this.addInteraction(event);
    if (event.type === 'join-requested') {
      void this.join(event.token, { interactionId: event.interactionId, via: 'local-api' });
      return;
    }
    const inter = this.interactions.get(event.interactionId);
    if (!inter) {
      this.log.warn('event for an unknown interaction ignored', {
        type: event.type,
        id: event.interactionId,
      });
      return;
    }
    switch (event.type) {
      case 'chat-message': {
        const token = cobrowseTokenIn(event.from, event.text);
        if (token === null) return this.note(inter, `${event.from}: ${event.text.slice(0, 500)}`, true);
        this.note(inter, 'co-browse requested', true);
        void this.join(token, { interactionId: event.interactionId, via: 'chat' });
        return;
      }
      case 'interaction-transferred':
        void this.closeScenario(inter, 'transferred', closeReasons.transferred, event.to);
        return;
      case 'handling-timeout':
        void this.closeScenario(inter, 'timed-out', closeReasons.timedOut);
        return;
      case 'interaction-closed':
        void this.closeScenario(
          inter,
          'closed',
          !event.endedOrTransferred
            ? closeReasons.closed
            : inter.view.media === 'voice'
              ? closeReasons.callEndedOrTransferred
              : closeReasons.chatEndedOrTransferred,
        );
        return;
    }
  }

  private addInteraction(event: Extract<SourceEvent, { type: 'interaction-added' }>): void {
    if (this.interactions.has(event.interactionId)) return;
    const inter: Interaction = {
      confirmed: {},
      ending: false,
      view: {
        id: event.interactionId,
        media: event.media,
        customerName: event.customerName,
        state: 'active',
        cobrowseQuantity: 0,
        timeline: [],
      },
    };
    this.interactions.set(event.interactionId, inter);
    this.selected ??= event.interactionId;
    this.note(inter, event.media === 'chat' ? 'chat started' : 'call started', true);
  }

  /** Stops every co-browse session on the interaction first, then marks the interaction. */
  private async closeScenario(
    inter: Interaction,
    state: Exclude<InteractionState, 'active'>,
    reason: string,
    to?: string,
  ): Promise<void> {
    if (inter.ending || inter.view.state !== 'active') return;
    inter.ending = true;
    const live = this.sessions.filter(
      (s) => s.view.interactionId === inter.view.id && isLivePhase(s.view.phase),
    );
    await Promise.all(live.map((s) => this.end(s, 'stop', reason)));
    inter.view.state = state;
    this.note(
      inter,
      state === 'transferred' && to ? `interaction transferred to ${to}` : `interaction ${state}`,
    );
    this.emit();
  }

  private onSourceStatus(status: SourceStatus): void {
    this.sourceState = { kind: this.opts.source.kind, state: status.state, detail: status.detail ?? null };
    if (status.state === 'up') this.outbox.nudge();
    this.emit();
  }

  private async write(inter: Interaction, data: AttachedData): Promise<void> {
    try {
      await this.outbox.enqueue(inter.view.id, data);
    } catch (err) {
      this.log.error('attached data could not be journaled', { error: err, interactionId: inter.view.id });
    }
  }

  private delivered(write: PendingWrite): void {
    const inter = this.interactions.get(write.interactionId);
    if (inter) Object.assign(inter.confirmed, write.data);
  }

  /** The source refused a write for good: the agent sees which data did not reach the interaction, and why. */
  private abandoned(write: PendingWrite, reason: string): void {
    const inter = this.interactions.get(write.interactionId);
    if (inter)
      this.note(inter, `attached data not written (${Object.keys(write.data).join(', ')}): ${reason}`);
  }

  private note(inter: Interaction, text: string, emit = false): void {
    inter.view.timeline.push({ at: Date.now(), text });
    if (inter.view.timeline.length > MAX_TIMELINE) inter.view.timeline.shift();
    if (emit) this.emit();
  }

  // ---- views ----

  private interactionView(inter: Interaction, pending: readonly PendingWrite[]): InteractionView {
    const mine = pending.filter((w) => w.interactionId === inter.view.id);
    const attachedData: Record<string, string> = { ...inter.confirmed };
    for (const w of mine) Object.assign(attachedData, w.data);
    return {
      ...inter.view,
      timeline: [...inter.view.timeline],
      attachedData,
      pendingWrites: mine.length,
    };
  }

  private connection(): AppState['connection'] {
    const live = this.sessions.filter((s) => isLivePhase(s.view.phase));
    if (live.length === 0) return { state: 'idle', detail: null };
    const worst = live
      .map((s) => s.connection ?? { state: 'connecting' as const, detail: null })
      .sort((a, b) => CONNECTION_RANK[b.state] - CONNECTION_RANK[a.state])[0]!;
    return { state: worst.state === 'closed' ? 'idle' : worst.state, detail: worst.detail };
  }

  /** The selected interaction's live session, else the most recent live one. */
  private agentView(): AppState['agentView'] {
    const viewable = this.sessions.filter((s) => VIEWABLE.has(s.view.phase) && s.owner);
    const shown =
      viewable.find((s) => s.view.interactionId !== null && s.view.interactionId === this.selected) ??
      viewable.at(-1);
    if (!shown?.owner) return null;
    return {
      sessionId: shown.view.id,
      url: agentPageUrl(shown.owner.baseUrl, shown.token, { debug: this.opts.debug?.() ?? false }),
      cookie: shown.owner.cookie ?? null,
      poppedOut: false, // the host knows; app-core overlays it
    };
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const state = this.getState();
    for (const listener of this.listeners) listener(state);
  }
}
