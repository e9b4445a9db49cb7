// One node's co-browse sessions and their rules (protocol.md "Session lifecycle"): 9-digit tokens, UUID
// history ids, idle → active when the agent joins, one customer and one agent, no re-join after the end,
// an inactivity timeout. Pure logic: it returns what to reply and whom to notify; the CometD and REST
// layers do the delivering.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import {
  channels,
  Role,
  type CometErrorCode,
  type DeactivatedNotification,
  type EndReason,
  type JoinReply,
  type JoinRequest,
  type RoleNumber,
  type User,
} from '../../common/protocol';
import { maskToken } from '../../common/mask';
import { forgetOldest } from '../../common/recent-map';
import type { Logger } from '../../common/logger';
import type { ClusterDirectory } from './directory';

export interface Notice {
  to: string[];
  channel: string;
  data: unknown;
}
/** A live member as other services see it: who it is, and the session's members with their CometD clients. */
export interface MemberView {
  sessionToken: string;
  userId: string;
  role: RoleNumber;
  members: { userId: string; role: RoleNumber; clientId: string }[];
}
export type Outcome<T> =
  { ok: true; value: T; notices: Notice[] } | { ok: false; error: CometErrorCode; message: string };

interface Member extends User {
  userToken: string;
  /** The CometD client (Bayeux clientId) that joined; notifications go there. */
  clientId: string;
}

interface Session {
  token: string;
  historyId: string;
  state: 'idle' | 'active';
  activationTime?: number;
  members: Member[];
  timer?: NodeJS.Timeout;
}

interface EndedSession {
  activationTime?: number;
  deactivationTime: number;
}

export interface SessionStoreOptions {
  node: string;
  directory: ClusterDirectory;
  inactivityTimeoutMs: number;
  logger: Logger;
  /** Delivers notices that no request triggered (the inactivity timeout). */
  send: (notices: Notice[]) => void;
}

/** Ended sessions are remembered (to answer `session-ended`) up to this many, oldest forgotten first. */
const ENDED_MEMORY = 10_000;
const ROLE_NAMES: Record<RoleNumber, string> = { 1: 'customer', 2: 'agent', 3: 'controller' };

const fail = (error: CometErrorCode, message: string): Outcome<never> => ({ ok: false, error, message });

/**
 * The customer's page went away (tab closed, browser gone: its CometD client expired) and no customer page
 * is in the session any more. Genesys's server then deactivates the session: the public API has no "left"
 * notification, only the deactivation every client gets (protocol.md); the `customer-left` reason on it is
 * ours, as the other reasons are.
 */
const customerGone = (gone: readonly Member[], left: readonly Member[]): boolean =>
  gone.some((m) => m.role === Role.customer) && !left.some((m) => m.role === Role.customer);

export class SessionStore {
  private readonly live = new Map<string, Session>();
  private readonly byUser = new Map<string, string>();
  private readonly ended = new Map<string, EndedSession>();
  private readonly endedUsers = new Map<string, string>();
  private nextUserId = 1;
  private readonly endedListeners: ((token: string) => void)[] = [];

  constructor(private readonly opts: SessionStoreOptions) {}

  create(): { sessionToken: string; sessionHistoryId: string } {
    let token: string;
    do token = String(randomInt(0, 1_000_000_000)).padStart(9, '0');
    while (this.live.has(token) || this.ended.has(token) || this.opts.directory.sessionOwner(token));
    const session: Session = { token, historyId: randomUUID(), state: 'idle', members: [] };
    this.live.set(token, session);
    this.opts.directory.addSession(token, this.opts.node);
    this.touchSession(session);
    this.opts.logger.info('session created', { token, node: this.opts.node });
    return { sessionToken: token, sessionHistoryId: session.historyId };
  }

  /** Whether this node hosts the live session (for REST get-session). */
  isLive(token: string): boolean {
    return this.live.has(token);
  }

  join(req: JoinRequest, clientId: string): Outcome<JoinReply> {
    const session = this.live.get(req.sessionToken);
    if (!session) return this.missingSession(req.sessionToken);
    const taken = req.role !== Role.controller && session.members.some((m) => m.role === req.role);
    if (taken) return fail('forbidden', `the session already has a ${ROLE_NAMES[req.role]}`);

    const member: Member = {
      userId: `user-${this.nextUserId++}`,
      role: req.role,
      ...(req.name === undefined ? {} : { name: req.name }),
      userToken: randomBytes(18).toString('base64url'),
      clientId,
    };
    const others = session.members.map((m) => m.clientId);
    session.members.push(member);
    this.byUser.set(member.userToken, session.token);
    this.opts.directory.addUser(member.userToken, this.opts.node);
    this.touchSession(session);

    const notices: Notice[] = [];
    if (others.length) notices.push({ to: others, channel: channels.joined, data: publicUser(member) });
    if (req.role === Role.agent && session.state === 'idle') {
      session.state = 'active';
      session.activationTime = Date.now();
      notices.push({
        to: session.members.map((m) => m.clientId),
        channel: channels.activated,
        data: { activationTime: session.activationTime },
      });
    }
    this.opts.logger.info('user joined', {
      token: session.token,
      role: ROLE_NAMES[req.role],
      state: session.state,
    });
    return {
      ok: true,
      value: {
        userToken: member.userToken,
        userId: member.userId,
        users: session.members.map(publicUser),
        sessionHistoryId: session.historyId,
      },
      notices,
    };
  }

  /** A customer or agent exit ends the session; a controller exit only removes the controller. */
  exit(userToken: string): Outcome<Record<string, never>> {
    const found = this.findUser(userToken);
    if (!found.ok) return found;
    const { session, member } = found.value;
    if (member.role === Role.controller) {
      session.members = session.members.filter((m) => m !== member);
      this.byUser.delete(userToken);
      this.touchSession(session);
      this.opts.logger.info('controller left', { token: session.token });
      return { ok: true, value: {}, notices: [] };
    }
    const reason: EndReason = member.role === Role.customer ? 'customer-exit' : 'agent-exit';
    return { ok: true, value: {}, notices: [this.end(session, reason).notice] };
  }

  /** Controller stop (CometD or REST). */
  stop(userToken: string): Outcome<DeactivatedNotification> {
    const found = this.findUser(userToken);
    if (!found.ok) return found;
    const { session, member } = found.value;
    if (member.role !== Role.controller)
      return fail('forbidden', 'only the controller (role 3) may stop a session');
    const { notice, times } = this.end(session, 'controller-stop');
    return { ok: true, value: times, notices: [notice] };
  }

  /** The live member behind a user token (same refusals as exit/stop for unknown or ended tokens). */
  memberOf(userToken: string): Outcome<MemberView> {
    const found = this.findUser(userToken);
    if (!found.ok) return found;
    const { session, member } = found.value;
    const members = session.members.map(({ userId, role, clientId }) => ({ userId, role, clientId }));
    const view = { sessionToken: session.token, userId: member.userId, role: member.role, members };
    return { ok: true, value: view, notices: [] };
  }

  /** Called with the token of every session that ends, whatever the reason (services drop their state). */
  onEnded(listener: (token: string) => void): void {
    this.endedListeners.push(listener);
  }

  /** Activity from a CometD client: resets its session's inactivity timer. */
  touchClient(clientId: string): void {
    for (const session of this.live.values())
      if (session.members.some((m) => m.clientId === clientId)) this.touchSession(session);
  }

  /**
   * The CometD client went away (disconnect or expiry): its users leave. An agent page or a controller may
   * come back, so the session goes on; the customer's page gone ends it for the others (customerGone).
   */
  removeClient(clientId: string): void {
    for (const session of [...this.live.values()]) {
      const gone = session.members.filter((m) => m.clientId === clientId);
      if (!gone.length) continue;
      session.members = session.members.filter((m) => m.clientId !== clientId);
      for (const m of gone) this.byUser.delete(m.userToken);
      this.opts.logger.info('client gone, users left', { token: session.token, users: gone.length });
      if (customerGone(gone, session.members)) this.opts.send([this.end(session, 'customer-left').notice]);
    }
  }

  /** The node stops: timers off, its sessions vanish without notice (a crashed node). */
  dispose(): void {
    for (const s of this.live.values()) clearTimeout(s.timer);
    this.live.clear();
    this.byUser.clear();
  }

  private touchSession(session: Session): void {
    clearTimeout(session.timer);
    session.timer = setTimeout(() => {
      if (this.live.get(session.token) !== session) return;
      this.opts.send([this.end(session, 'inactivity-timeout').notice]);
    }, this.opts.inactivityTimeoutMs);
    session.timer.unref();
  }

  private end(session: Session, reason: EndReason): { notice: Notice; times: DeactivatedNotification } {
    clearTimeout(session.timer);
    const times: EndedSession = {
      ...(session.activationTime === undefined ? {} : { activationTime: session.activationTime }),
      deactivationTime: Date.now(),
    };
    this.live.delete(session.token);
    this.ended.set(session.token, times);
    for (const m of session.members) {
      this.byUser.delete(m.userToken);
      this.endedUsers.set(m.userToken, session.token);
    }
    this.opts.directory.remove(
      session.token,
      session.members.map((m) => m.userToken),
    );
    this.forgetOldEnded();
    for (const listener of this.endedListeners) listener(session.token);
    this.opts.logger.info('session ended', { token: session.token, reason });
    return {
      notice: {
        to: session.members.map((m) => m.clientId),
        channel: channels.deactivated,
        data: { ...times, reason },
      },
      times,
    };
  }

  private forgetOldEnded(): void {
    forgetOldest(this.ended, ENDED_MEMORY);
    forgetOldest(this.endedUsers, ENDED_MEMORY);
  }

  private missingSession(token: string): Outcome<never> {
    if (this.ended.has(token)) return fail('session-ended', 'the session has ended; start a new one');
    const owner = this.opts.directory.sessionOwner(token);
    if (owner) return fail('not-owner', `session is hosted by ${owner}, not ${this.opts.node}`);
    return fail('session-not-found', 'no such session');
  }

  private findUser(userToken: string): Outcome<{ session: Session; member: Member }> {
    const token = this.byUser.get(userToken);
    const session = token === undefined ? undefined : this.live.get(token);
    const member = session?.members.find((m) => m.userToken === userToken);
    if (session && member) return { ok: true, value: { session, member }, notices: [] };
    if (this.endedUsers.has(userToken)) return fail('session-ended', 'the session has ended');
    const owner = this.opts.directory.userOwner(userToken);
    if (owner && owner !== this.opts.node)
      return fail('not-owner', `user token belongs to a session on ${owner}, not ${this.opts.node}`);
    this.opts.logger.warn('unknown user token', { userToken: maskToken(userToken) });
    return fail('forbidden', 'unknown user token');
  }
}

const publicUser = (m: Member): User => ({
  userId: m.userId,
  role: m.role,
  ...(m.name ? { name: m.name } : {}),
});
