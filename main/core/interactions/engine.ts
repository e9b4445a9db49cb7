// The interaction lifecycle engine: primary interactions from an InteractionSource, co-browse sessions
// joined through the Controller port and run by the lifecycle table (lifecycle.ts), one live session per
// agent (Genesys 8.5.003+; `maxSessions` for deployments that raised it), attached data through the durable
// outbox, the four close scenarios. It owns the `interactions`, `selectedInteractionId`, `sessions`,
// `agentView` and `source` parts of AppState; views.ts builds them.
import { randomUUID } from 'node:crypto';
import {
  isLivePhase,
  type AppError,
  type AppState,
  type CobrowseSessionView,
  type InteractionView,
  type JoinOutcome,
  type SessionEnd,
  type TimelineNote,
} from '../../../common/contract';
import type { Controller, ControllerEvent, ControllerSession, JoinResult } from '../controller/types';
import { ControllerError, toAppError } from '../controller/types';
import type { Logger } from '../../../common/logger';
import { maskToken } from '../../../common/mask';
import { connectingSession } from '../../../common/contract-helpers';
import { sessionTokenOf, type SessionToken } from '../../../common/protocol';
import type { AttachedData, SourceEvent } from '../../../common/source-events';
import type { InteractionSource, SourceStatus } from '../sources/port';
import { newRecord, onDeclined, onEnded, onJoined, onStarted, type CobrowseRecord } from './attached-data';
import { cobrowseTokenIn } from './chat-trigger';
import { isSettled, transition, type Effect, type LifecycleEvent } from './lifecycle';
import { appError } from './messages';
import { openOutbox, type BackoffOptions, type Outbox, type PendingWrite } from './outbox';
import {
  agentView,
  connectionView,
  interactionView,
  type InteractionRecord,
  type SessionRecord,
} from './views';

export type JoinVia = 'typed' | 'chat' | 'deep-link' | 'local-api';
export interface JoinOptions {
  /** The interaction to attach to; `null` co-browses without one (nothing attached); omitted → the selected one. */
  interactionId?: string | null;
  via: JoinVia;
  /** Stop the live session(s) first ("End it and join") instead of being refused. */
  replace?: boolean;
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
  /** Live co-browse sessions an agent may have at once (setting `maxConcurrentSessions`, default 1). */
  maxSessions?: () => number;
  /** A join nobody waits for (local API) was refused: the sidebar should say so. */
  onProblem?: (error: AppError) => void;
  backoff?: BackoffOptions;
}

type InteractionState = InteractionView['state'];
const MAX_TIMELINE = 200;
const KEEP_SETTLED_SESSIONS = 20;

interface Session extends SessionRecord {
  controllerSession?: ControllerSession;
  /** How and why we end it ourselves, set by the first request to end it. */
  endHow?: 'exit' | 'stop';
  endReason?: SessionEnd;
  abort: AbortController;
  /** The session's events, one at a time: each step sees the phase the previous one left. */
  queue: Promise<void>;
  /** Resolves once the session is ended or failed. */
  settled: Promise<void>;
  settle: () => void;
}

/** What an event carries into its step (applied only when the phase takes the event). */
interface EventData {
  result?: JoinResult;
  at?: number;
  reason?: SessionEnd;
  error?: AppError;
}

interface Interaction extends InteractionRecord {
  record: CobrowseRecord;
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
      interactions: [...this.interactions.values()].map((i) => interactionView(i, pending)),
      selectedInteractionId: this.selected,
      sessions: this.sessions.map((s) => ({ ...s.view })),
      agentView: agentView(this.sessions, this.selected, this.opts.debug?.() ?? false),
      source: { ...this.sourceState },
      connection: connectionView(this.sessions),
    };
  }

  /** Selects the interaction typed joins attach to; an ended one cannot be (the refusal says why). */
  selectInteraction(id: string | null): AppError | null {
    if (id !== null) {
      const inter = this.interactions.get(id);
      if (!inter) return appError('unknown-interaction');
      if (!isOpen(inter)) return appError('interaction-ended');
    }
    this.selected = id;
    this.emit();
    return null;
  }

  /**
   * A join asked for with text (typed, a deep link, a desktop app): the one place the text is checked to be a
   * session token; refused at once, naming the text, when it is not one.
   */
  joinText(text: string, options: JoinOptions): Promise<JoinOutcome> {
    const token = sessionTokenOf(text);
    if (!token) return Promise.resolve(this.refused(text, appError('invalid-token', { id: text }), null));
    return this.join(token, options);
  }

  /** Joins a co-browse session; resolves with the settled outcome (joined, or why not). */
  async join(token: SessionToken, options: JoinOptions): Promise<JoinOutcome> {
    const interactionId = options.interactionId === undefined ? this.selected : options.interactionId;
    const same = this.live().find((s) => s.view.token === token);
    if (same) {
      this.log.info('join ignored: already joining or joined this session', { token: maskToken(token) });
      return { outcome: 'joined', sessionId: same.view.id };
    }
    const inter = interactionId === null ? undefined : this.interactions.get(interactionId);
    const refusal =
      interactionId !== null && !inter
        ? appError('unknown-interaction')
        : inter && !isOpen(inter)
          ? appError('interaction-ended')
          : null;
    if (refusal) return this.refused(token, refusal, null);
    const live = this.live();
    if (live.length >= (this.opts.maxSessions?.() ?? 1)) {
      if (!options.replace) return this.refused(token, this.busy(live[0]!), live[0]!.view.id);
      await Promise.all(live.map((s) => this.endSession(s, 'stop', 'replaced')));
    }
    // A join on an interaction answers the request waiting there.
    if (inter) inter.view.cobrowseRequest = null;
    const session = this.newSession(token, interactionId);
    this.log.info('joining', { token: maskToken(token), interactionId, via: options.via });
    try {
      session.controllerSession = await this.opts.controller.join(token, {
        onEvent: (event) => this.onControllerEvent(session, event),
        signal: session.abort.signal,
      });
    } catch (err) {
      this.log.warn('join failed', {
        token: maskToken(token),
        error: err instanceof Error ? err.message : String(err),
        ...(err instanceof ControllerError ? { code: err.code, ...err.details } : {}),
      });
      await this.fire(session, 'join-failed', { at: Date.now(), error: toAppError(err, token) });
      const error = session.view.error ?? appError('closed');
      return { outcome: 'failed', sessionId: session.view.id, error, busyWith: null };
    }
    await this.fire(session, 'join-replied', { result: session.controllerSession.result, at: Date.now() });
    return { outcome: 'joined', sessionId: session.view.id };
  }

  /** Why the agent cannot answer a co-browse request on this interaction now; null when one waits there. */
  requestRefusal(interactionId: string): AppError | null {
    return this.interactions.get(interactionId)?.view.cobrowseRequest ? null : appError('no-request');
  }

  /**
   * The agent answers the co-browse request waiting on a chat: join it (ending the live one) or decline.
   * Null when declined, or when no request waits there (`requestRefusal` says so first).
   */
  async answerRequest(interactionId: string, accept: boolean): Promise<JoinOutcome | null> {
    const inter = this.interactions.get(interactionId);
    const request = inter?.view.cobrowseRequest;
    if (!inter || !request) return null;
    inter.view.cobrowseRequest = null;
    if (accept) return this.join(request.token, { interactionId, via: 'chat', replace: true });
    this.note(inter, { code: 'request-declined', params: { session: maskToken(request.token) } });
    await this.write(inter, onDeclined(inter.record));
    this.emit();
    return null;
  }

  /** The agent leaves; the session goes on for the others only if the server says so. */
  exit(sessionId: string): Promise<AppError | null> {
    return this.end(sessionId, 'exit', 'agent-left');
  }

  /** The agent ends the session for everyone. */
  stop(sessionId: string): Promise<AppError | null> {
    return this.end(sessionId, 'stop', 'agent-stop');
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

  // ---- sessions: every phase change goes through `fire` and the lifecycle table ----

  private live(): Session[] {
    return this.sessions.filter((s) => isLivePhase(s.view.phase));
  }

  /** The refusal of a second session while one is live (one per agent, Genesys 8.5.003+), naming it. */
  private busy(live: Session): AppError {
    const inter = this.interactionOf(live);
    return appError('session-live', {
      token: live.view.token,
      customer: inter?.view.customerName ?? null,
      media: inter?.view.media ?? null,
      since: live.view.joinedAt,
    });
  }

  /** A join refused before any I/O: nothing is recorded, the outcome says why. */
  private refused(token: string, error: AppError, busyWith: string | null): JoinOutcome {
    this.log.info('join refused', { token: maskToken(token), code: error.code });
    return { outcome: 'failed', sessionId: null, error, busyWith };
  }

  private newSession(token: SessionToken, interactionId: string | null): Session {
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const session: Session = {
      abort: new AbortController(),
      queue: Promise.resolve(),
      settled,
      settle,
      view: { ...connectingSession(randomUUID(), token, interactionId), token },
    };
    this.forgetOldSessions();
    this.sessions.push(session);
    this.emit();
    return session;
  }

  /** Queues `event` for the session; resolves once its step (and any write it journals) is done. */
  private fire(session: Session, event: LifecycleEvent, data: EventData = {}): Promise<void> {
    session.queue = session.queue
      .then(() => this.step(session, event, data))
      .catch((err: unknown) => this.log.error('lifecycle step failed', { event, error: err }));
    return session.queue;
  }

  private async step(session: Session, event: LifecycleEvent, data: EventData): Promise<void> {
    const t = transition(session.view.phase, event);
    if (!t) {
      this.log.debug('lifecycle event ignored', { phase: session.view.phase, event });
      return;
    }
    const view = session.view;
    if (data.result) {
      session.owner = data.result.owner;
      view.sessionHistoryId = data.result.sessionHistoryId;
      view.joinedAt = data.at ?? Date.now();
    } else if (event === 'activated') view.activatedAt = data.at ?? Date.now();
    if (isSettled(t.to)) {
      view.endedAt = data.at ?? Date.now();
      view.endReason = t.to === 'ended' ? (session.endReason ?? data.reason ?? 'unknown') : null;
    }
    // A join cancelled by an end request ends with its reason; only a failure or a loss is an error.
    if (data.error && (t.to === 'failed' || event === 'deactivated')) view.error ??= data.error;
    const inter = this.interactionOf(session);
    // Writes are journaled before the phase shows: whoever sees the new phase sees the write pending.
    if (inter)
      for (const effect of t.effects) {
        const write = this.attachedDataFor(effect, inter, session);
        if (write) await this.write(inter, write);
      }
    view.phase = t.to;
    if (inter) this.noteTransition(inter, session);
    if (isSettled(t.to)) session.settle();
    this.emit();
    for (const effect of t.effects) {
      if (effect === 'cancel-join') session.abort.abort();
      else if (effect === 'call-end') void this.callEnd(session);
      else if (effect === 'close-connection') void session.controllerSession?.close();
    }
  }

  private attachedDataFor(effect: Effect, inter: Interaction, session: Session): AttachedData | null {
    const view = session.view;
    switch (effect) {
      case 'write-joined': {
        const data = onJoined(inter.record, view.sessionHistoryId!);
        inter.view.cobrowseQuantity = inter.record.quantity;
        return data;
      }
      case 'write-started':
        return onStarted(inter.record, view.activatedAt!);
      case 'write-ended':
        return onEnded(inter.record, view.activatedAt, view.endedAt!);
      default:
        return null;
    }
  }

  private noteTransition(inter: Interaction, session: Session): void {
    const { phase, token, endReason, error } = session.view;
    const masked = maskToken(token);
    if (phase === 'joined') this.note(inter, { code: 'cobrowse-joined', params: { session: masked } });
    else if (phase === 'active') this.note(inter, { code: 'cobrowse-active' });
    else if (phase === 'ended')
      this.note(inter, { code: 'cobrowse-ended', params: { reason: endReason ?? 'unknown' } });
    else if (phase === 'failed')
      this.note(inter, {
        code: 'cobrowse-failed',
        params: { session: masked, error: error ?? { code: 'internal' } },
      });
  }

  private async callEnd(session: Session): Promise<void> {
    const cs = session.controllerSession!;
    try {
      if (session.endHow === 'stop') await cs.stop();
      else await cs.exit();
    } catch (err) {
      this.log.warn(`${session.endHow} failed; ending locally`, { error: err });
      session.view.error = toAppError(err, session.view.token);
    }
    await cs.close().catch(() => undefined);
    await this.fire(session, 'end-completed', { at: Date.now() });
  }

  private onControllerEvent(session: Session, event: ControllerEvent): void {
    switch (event.type) {
      case 'activated':
        void this.fire(session, 'activated', { at: event.activationTime });
        return;
      case 'deactivated': {
        const lost = event.reason === 'node-lost' && session.endReason === undefined;
        void this.fire(session, 'deactivated', {
          at: event.deactivationTime,
          reason: event.reason,
          ...(lost ? { error: appError('node-lost') } : {}),
        });
        return;
      }
      case 'connection':
        session.connection = { state: event.state, detail: event.detail ?? null };
        this.emit();
        return;
      case 'joined':
        this.log.debug('controller event', { type: event.type });
        return;
    }
  }

  /** Asks the table to end the session; resolves when it has ended (a second request waits for the first). */
  private endSession(session: Session, how: 'exit' | 'stop', reason: SessionEnd): Promise<void> {
    if (!isLivePhase(session.view.phase)) return Promise.resolve();
    if (session.endHow === undefined) {
      session.endHow = how;
      session.endReason = reason;
    }
    void this.fire(session, 'end-requested');
    return session.settled;
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

  /** Ends the agent's session by its ID, once it has ended; `unknown-session` when there is none. */
  private async end(sessionId: string, how: 'exit' | 'stop', reason: SessionEnd): Promise<AppError | null> {
    const session = this.sessions.find((x) => x.view.id === sessionId);
    if (!session) return appError('unknown-session');
    await this.endSession(session, how, reason);
    return null;
  }

  private interactionOf(session: Session): Interaction | undefined {
    return session.view.interactionId === null
      ? undefined
      : this.interactions.get(session.view.interactionId);
  }

  // ---- interactions ----

  private onSourceEvent(event: SourceEvent): void {
    if (event.type === 'interaction-added') return this.addInteraction(event);
    if (event.type === 'join-requested') return this.requestedAsText(event.token, event.interactionId);
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
        if (token === null)
          return this.note(
            inter,
            { code: 'chat-line', params: { from: event.from, text: event.text.slice(0, 500) } },
            true,
          );
        this.note(inter, { code: 'cobrowse-requested' }, true);
        return this.requested(token, inter.view.id, 'chat');
      }
      case 'interaction-transferred':
        void this.closeScenario(inter, 'transferred', 'transferred', event.to);
        return;
      case 'handling-timeout':
        void this.closeScenario(inter, 'timed-out', 'timed-out');
        return;
      case 'interaction-closed':
        void this.closeScenario(
          inter,
          'closed',
          !event.endedOrTransferred
            ? 'closed'
            : inter.view.media === 'voice'
              ? 'call-ended-or-transferred'
              : 'chat-ended-or-transferred',
        );
        return;
    }
  }

  /**
   * A co-browse asked for from outside the sidebar (a chat's `{start:…}`, the local API). While another
   * session is live it never switches the agent page by itself: it waits on its interaction for the agent.
   */
  private requested(token: SessionToken, interactionId: string | undefined, via: JoinVia): void {
    const target = interactionId ?? this.selected;
    const inter = target === null ? undefined : this.interactions.get(target);
    const live = this.live();
    const busy = live.length >= (this.opts.maxSessions?.() ?? 1) && !live.some((s) => s.view.token === token);
    if (busy && inter && isOpen(inter)) {
      inter.view.cobrowseRequest = { token, at: Date.now() };
      this.note(inter, { code: 'request-waiting', params: { session: maskToken(token) } }, true);
      return;
    }
    void this.join(token, { ...(interactionId === undefined ? {} : { interactionId }), via }).then(
      (outcome) => this.unheard(outcome),
    );
  }

  /** A desktop app's request (local API): its text is checked here, where it enters. */
  private requestedAsText(text: string, interactionId: string | undefined): void {
    const token = sessionTokenOf(text);
    if (token) this.requested(token, interactionId, 'local-api');
    else this.unheard(this.refused(text, appError('invalid-token', { id: text }), null));
  }

  /** A join nobody waits for was refused: the sidebar says so. */
  private unheard(outcome: JoinOutcome): void {
    if (outcome.outcome === 'failed' && outcome.sessionId === null) this.opts.onProblem?.(outcome.error);
  }

  private addInteraction(event: Extract<SourceEvent, { type: 'interaction-added' }>): void {
    if (this.interactions.has(event.interactionId)) return;
    const inter: Interaction = {
      confirmed: {},
      record: newRecord(),
      ending: false,
      view: {
        id: event.interactionId,
        media: event.media,
        customerName: event.customerName,
        ...(event.caller ? { caller: event.caller } : {}),
        state: 'active',
        cobrowseQuantity: 0,
        cobrowseRequest: null,
        timeline: [],
      },
    };
    this.interactions.set(event.interactionId, inter);
    this.selected ??= event.interactionId;
    this.note(inter, { code: event.media === 'chat' ? 'chat-started' : 'call-started' }, true);
  }

  /** Stops every co-browse session on the interaction first, then marks the interaction. */
  private async closeScenario(
    inter: Interaction,
    state: Exclude<InteractionState, 'active'>,
    reason: SessionEnd,
    to?: string,
  ): Promise<void> {
    if (!isOpen(inter)) return;
    inter.ending = true;
    // The target of typed joins is always live: the selection moves to none, which the hint says.
    if (this.selected === inter.view.id) this.selected = null;
    if (inter.view.cobrowseRequest) {
      inter.view.cobrowseRequest = null;
      this.note(inter, { code: 'request-expired' });
    }
    this.emit();
    const live = this.sessions.filter(
      (s) => s.view.interactionId === inter.view.id && isLivePhase(s.view.phase),
    );
    await Promise.all(live.map((s) => this.endSession(s, 'stop', reason)));
    inter.view.state = state;
    this.note(
      inter,
      state === 'transferred'
        ? { code: 'interaction-transferred', params: { to: to ?? null } }
        : { code: state === 'timed-out' ? 'interaction-timed-out' : 'interaction-closed' },
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
      this.note(inter, {
        code: 'attached-data-not-written',
        params: { keys: Object.keys(write.data).join(', '), problem: reason },
      });
  }

  private note(inter: Interaction, note: TimelineNote, emit = false): void {
    inter.view.timeline.push({ at: Date.now(), ...note });
    if (inter.view.timeline.length > MAX_TIMELINE) inter.view.timeline.shift();
    if (emit) this.emit();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const state = this.getState();
    for (const listener of this.listeners) listener(state);
  }
}

const isOpen = (inter: Interaction) => !inter.ending && inter.view.state === 'active';
