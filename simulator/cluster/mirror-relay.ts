// The live mirror's relay on the node that hosts the session (mirror-protocol.ts). Pure logic like the
// session store: it checks who may send what, keeps the events since the last full snapshot (so a late or
// reconnecting agent starts from a whole page), and returns what to reply and whom to notify.
import { z } from 'zod';
import { Role, type CometErrorCode, type RoleNumber } from '../../common/protocol';
import type { Logger } from '../../common/logger';
import {
  ControlMode,
  ControlRequest,
  EventsBatch,
  EventsChunk,
  InputRequest,
  MAX_BATCH_CHARS,
  MAX_BUFFER_CHARS,
  mirrorChannels,
  PointerRequest,
  SyncRequest,
  type RrwebEvent,
} from './mirror-protocol';
import type { MemberView, Notice, SessionStore } from './session-store';

/** rrweb's Meta event: it starts every full snapshot (Meta, then FullSnapshot). */
const META_EVENT = 4;

/** A reply to the sender (on the channel it used) and notices for others; or a refusal. */
export type RelayOutcome =
  { ok: true; reply?: unknown; notices: Notice[] } | { ok: false; error: CometErrorCode; message: string };

interface Stream {
  /** The customer user whose stream this is; a new customer starts a new stream. */
  customerId: string;
  lastSeq: number;
  /** Chunks of the batch being received (chunks of one batch arrive in order: the sender waits for acks). */
  pending?: { seq: number; parts: string[]; chars: number };
  /** Events since the last Meta event, and their size in JSON characters. */
  buffer: RrwebEvent[];
  bufferChars: number;
  /** Write mode belongs to one agent user; another agent sees view mode. */
  control: { mode: ControlMode; agentId?: string };
}

const refuse = (error: CometErrorCode, message: string): RelayOutcome => ({ ok: false, error, message });

export class MirrorRelay {
  private readonly streams = new Map<string, Stream>();

  constructor(
    private readonly store: SessionStore,
    private readonly logger: Logger,
  ) {
    store.onEnded((token) => this.streams.delete(token));
  }

  handle(channel: string, data: unknown): RelayOutcome {
    switch (channel) {
      case mirrorChannels.events:
        return this.withRequest(EventsChunk, data, Role.customer, (m, req) => this.chunk(m, req));
      case mirrorChannels.sync:
        return this.withRequest(SyncRequest, data, Role.agent, (m) => this.sync(m));
      case mirrorChannels.pointer:
        return this.withRequest(PointerRequest, data, Role.agent, (m, { userToken: _, ...at }) => ({
          ok: true,
          notices: [notice(clientsOf(m, Role.customer), mirrorChannels.pointer, at)],
        }));
      case mirrorChannels.control:
        return this.withRequest(ControlRequest, data, undefined, (m, req) => this.control(m, req.action));
      case mirrorChannels.input:
        return this.withRequest(InputRequest, data, Role.agent, (m, req) => this.input(m, req));
      case mirrorChannels.snapshot:
        return refuse('invalid-request', `${channel} is sent by the server only`);
      default:
        return refuse('invalid-request', `unknown channel ${channel}`);
    }
  }

  /** Parses the request, resolves its user token, checks the sender's role, then runs `then`. */
  private withRequest<T extends z.ZodType<{ userToken: string }>>(
    schema: T,
    data: unknown,
    role: RoleNumber | undefined,
    then: (member: MemberView, req: z.infer<T>) => RelayOutcome,
  ): RelayOutcome {
    const parsed = schema.safeParse(data ?? {});
    if (!parsed.success) return refuse('invalid-request', z.prettifyError(parsed.error));
    const member = this.store.memberOf(parsed.data.userToken);
    if (!member.ok) return member;
    if (role !== undefined && member.value.role !== role)
      return refuse('forbidden', `only the ${role === Role.customer ? 'customer' : 'agent'} may send this`);
    return then(member.value, parsed.data);
  }

  private stream(m: MemberView): Stream {
    const customerId = m.members.find((u) => u.role === Role.customer)?.userId ?? '';
    let s = this.streams.get(m.sessionToken);
    if (!s || s.customerId !== customerId) {
      s = { customerId, lastSeq: 0, buffer: [], bufferChars: 0, control: s?.control ?? { mode: 'view' } };
      this.streams.set(m.sessionToken, s);
    }
    return s;
  }

  private chunk(m: MemberView, req: z.infer<typeof EventsChunk>): RelayOutcome {
    const s = this.stream(m);
    if (req.seq <= s.lastSeq)
      return refuse('invalid-request', `batch ${req.seq} is not after ${s.lastSeq} (duplicate or reordered)`);
    if (s.pending?.seq !== req.seq) s.pending = { seq: req.seq, parts: [], chars: 0 };
    const pending = s.pending;
    pending.parts.push(req.chunk);
    pending.chars += req.chunk.length;
    if (pending.chars > MAX_BATCH_CHARS) {
      s.pending = undefined;
      return refuse('invalid-request', `batch ${req.seq} exceeds ${MAX_BATCH_CHARS} characters`);
    }
    if (!req.last) return { ok: true, notices: [] };
    s.pending = undefined;
    const text = pending.parts.join('');
    let events: RrwebEvent[];
    try {
      events = EventsBatch.parse(JSON.parse(text));
    } catch (err) {
      const message = err instanceof z.ZodError ? z.prettifyError(err) : 'not JSON';
      return refuse('invalid-request', `batch ${req.seq} is not a list of rrweb events: ${message}`);
    }
    s.lastSeq = req.seq;
    const notices = this.buffer(s, events, text.length, m);
    notices.push(notice(clientsOf(m, Role.agent), mirrorChannels.events, { seq: req.seq, events }));
    return { ok: true, notices };
  }

  /** Keeps the events since the last full snapshot; returns a snapshot request when the buffer overflows. */
  private buffer(s: Stream, events: RrwebEvent[], chars: number, m: MemberView): Notice[] {
    const metaAt = events.findLastIndex((e) => e.type === META_EVENT);
    if (metaAt >= 0) {
      const kept = events.slice(metaAt);
      s.buffer = kept;
      s.bufferChars = metaAt === 0 ? chars : JSON.stringify(kept).length;
      return [];
    }
    // Increments without a snapshot to apply them to are useless to a late agent: the snapshot comes first.
    if (s.buffer.length === 0) return [];
    s.buffer.push(...events);
    s.bufferChars += chars;
    if (s.bufferChars <= MAX_BUFFER_CHARS) return [];
    this.logger.info('mirror buffer dropped, asking for a new snapshot', { chars: s.bufferChars });
    s.buffer = [];
    s.bufferChars = 0;
    return [notice(clientsOf(m, Role.customer), mirrorChannels.snapshot, {})];
  }

  private sync(m: MemberView): RelayOutcome {
    const s = this.stream(m);
    if (s.buffer.length) return { ok: true, reply: { seq: s.lastSeq, events: s.buffer }, notices: [] };
    // Nothing to start from yet: the customer takes a snapshot, which reaches the agent as a live batch.
    return {
      ok: true,
      reply: { seq: s.lastSeq, events: [] },
      notices: [notice(clientsOf(m, Role.customer), mirrorChannels.snapshot, {})],
    };
  }

  /** request (agent): view → requested; accept (customer): requested → write; decline, revoke, release → view. */
  private control(m: MemberView, action: z.infer<typeof ControlRequest>['action']): RelayOutcome {
    const s = this.stream(m);
    const agentId = m.members.find((u) => u.role === Role.agent)?.userId;
    // A different agent than the one consent was given to starts from view mode.
    if (s.control.agentId !== agentId) s.control = { mode: 'view', agentId };
    const byAgent = action === 'request' || action === 'release';
    if (byAgent !== (m.role === Role.agent))
      return refuse('forbidden', `only the ${byAgent ? 'agent' : 'customer'} may ${action}`);
    const from = s.control.mode;
    const allowed: Record<typeof action, ControlMode[]> = {
      request: ['view'],
      release: ['requested', 'write'],
      accept: ['requested'],
      decline: ['requested'],
      revoke: ['write'],
    };
    if (!allowed[action].includes(from)) return refuse('invalid-request', `cannot ${action} in ${from} mode`);
    s.control.mode = action === 'request' ? 'requested' : action === 'accept' ? 'write' : 'view';
    this.logger.info('mirror control', { action, mode: s.control.mode });
    const to = clientsOf(m, Role.customer, Role.agent);
    return { ok: true, notices: [notice(to, mirrorChannels.control, { mode: s.control.mode })] };
  }

  private input(m: MemberView, req: InputRequest): RelayOutcome {
    const control = this.streams.get(m.sessionToken)?.control;
    if (control?.mode !== 'write' || control.agentId !== m.userId)
      return refuse('forbidden', 'the customer has not allowed the agent to type and click');
    const { userToken: _, ...action } = req;
    return { ok: true, notices: [notice(clientsOf(m, Role.customer), mirrorChannels.input, action)] };
  }
}

const clientsOf = (m: MemberView, ...roles: RoleNumber[]) =>
  m.members.filter((u) => roles.includes(u.role)).map((u) => u.clientId);
const notice = (to: string[], channel: string, data: unknown): Notice => ({ to, channel, data });
