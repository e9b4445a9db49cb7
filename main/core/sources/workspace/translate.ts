// Workspace notifications → the engine's SourceEvents, from the shapes Genesys sends (its Java and JS clients,
// its Workspace simulator; docs/protocol.md). Stateful: it remembers which interactions the agent holds
// (to announce each once, and to know chat vs voice when writing attached data), the consult legs of each call,
// and the last transcript index seen per chat (a redelivered or resynced message is never reported twice).
//
// Chat (`/workspace/v3/media/chat`, InteractionStateChanged): Invited is an offer, not yet the agent's;
// Processing → interaction-added; Completed → interaction-closed. A transferred chat is Completed for the
// agent who transferred it, so Completed is "ended or transferred". MessageLogUpdated, type Text →
// chat-message; from.type Customer|Client → customer, Agent|Supervisor → agent, anything else → system.
//
// Voice (`/workspace/v3/voice`, CallStateChanged, any notificationType): Ringing | Dialing | Established | Held
// → interaction-added, named as callerOf reads Genesys's fields; Released | Completed → the call is over for
// this agent. Genesys has no "transferred" notification: a single-step transfer is Released like a hang-up (→ "ended or transferred"). Our reading
// of a two-step transfer: the agent's consult call (parentConnId = the call) is still up or ends Completed
// (not Released first) when the main call is Released → interaction-transferred. A consult call is never an
// interaction of its own. previousConnId renumbers a known call: the same interaction under its first id,
// written to under the new one. Handling timeout: Genesys sends nothing for it.
import type { SourceEvent } from '../../../../common/source-events';
import {
  CallStateChanged,
  InteractionStateChanged,
  MessageLogUpdated,
  notificationChannels,
  type Call,
  type TranscriptMessage,
} from '../../../../common/workspace-wire';
import type { z } from 'zod';

export interface KnownInteraction {
  media: 'chat' | 'voice';
  /** The Workspace media channel for update-user-data (`chat`, …); voice uses its own endpoint. */
  mediatype: string;
  ended: boolean;
  /** A call's connection id when the server renumbered it (previousConnId); the interaction keeps its first. */
  connId?: string;
}

const SENDER: Record<string, 'customer' | 'agent'> = {
  Customer: 'customer',
  Client: 'customer',
  Agent: 'agent',
  Supervisor: 'agent',
};

const LIVE_CALL = new Set(['Ringing', 'Dialing', 'Established', 'Held']);
const ENDED_CALL = new Set(['Released', 'Completed']);

export class NotificationTranslator {
  readonly known = new Map<string, KnownInteraction>();
  private readonly lastIndex = new Map<string, number>();
  /** A renumbered call's new connection id → the interaction (its first id). */
  private readonly renumberedTo = new Map<string, string>();
  /** Consult call id → its parent call and how it ended so far. */
  private readonly consults = new Map<string, { parent: string; released: boolean }>();

  /** The events one notification means; malformed payloads are reported through `onMalformed`. */
  translate(channel: string, data: unknown, onMalformed: (why: string) => void): SourceEvent[] {
    const kind = (data as { messageType?: unknown } | null)?.messageType;
    if (channel === notificationChannels.chat && kind === 'InteractionStateChanged')
      return this.parsed(InteractionStateChanged, data, onMalformed, (n) => this.chatState(n));
    if (channel === notificationChannels.chat && kind === 'MessageLogUpdated')
      return this.parsed(MessageLogUpdated, data, onMalformed, (n) => {
        const id = n.interactionId ?? n.id;
        return id ? this.messages(id, n.messages) : [];
      });
    if (channel === notificationChannels.voice && kind === 'CallStateChanged')
      return this.parsed(CallStateChanged, data, onMalformed, (n) => this.call(n.call));
    return [];
  }

  /** Transcript messages not reported yet (by index): for MessageLogUpdated and for a resync. */
  messages(interactionId: string, messages: readonly TranscriptMessage[]): SourceEvent[] {
    if (!this.known.has(interactionId)) return [];
    const events: SourceEvent[] = [];
    for (const m of [...messages].sort((a, b) => a.index - b.index)) {
      if (m.index <= (this.lastIndex.get(interactionId) ?? -1)) continue;
      this.lastIndex.set(interactionId, m.index);
      if (m.type !== 'Text' || m.text === undefined) continue;
      events.push({
        type: 'chat-message',
        interactionId,
        from: SENDER[m.from?.type ?? ''] ?? 'system',
        text: m.text.slice(0, 10_000),
        messageId: String(m.index),
      });
    }
    return events;
  }

  /** The id the server knows a call by now (its interaction keeps the first one). */
  connIdOf(interactionId: string): string {
    return this.known.get(interactionId)?.connId ?? interactionId;
  }

  /** One call's current state (a notification, or the calls current-session lists after a resync). */
  call(call: Call): SourceEvent[] {
    if (call.previousConnId) this.renumbered(call.previousConnId, call.id);
    if (call.parentConnId && call.parentConnId !== call.id)
      return this.consult(call, this.interactionOf(call.parentConnId));
    const id = this.interactionOf(call.id);
    const held = this.known.get(id);
    if (!held) {
      if (!LIVE_CALL.has(call.state)) return [];
      this.known.set(id, { media: 'voice', mediatype: 'voice', ended: false });
      const { name, number } = callerOf(call);
      return [
        {
          type: 'interaction-added',
          interactionId: id,
          media: 'voice',
          customerName: (name ?? number ?? 'Caller').slice(0, 200),
          ...(number ? { caller: number.slice(0, 200) } : {}),
        },
      ];
    }
    if (held.ended || !ENDED_CALL.has(call.state)) return [];
    held.ended = true;
    const consulted = [...this.consults.values()].some((c) => c.parent === id && !c.released);
    for (const [leg, c] of this.consults) if (c.parent === id) this.consults.delete(leg);
    return [
      consulted
        ? { type: 'interaction-transferred', interactionId: id }
        : { type: 'interaction-closed', interactionId: id, endedOrTransferred: true },
    ];
  }

  /** The interaction a call's connection id belongs to (itself, unless the server renumbered the call). */
  private interactionOf(connId: string): string {
    return this.renumberedTo.get(connId) ?? connId;
  }

  /** The server renumbered a call: it stays the same interaction, reached by its new id from now on. */
  private renumbered(previous: string, next: string): void {
    const id = this.interactionOf(previous);
    const held = this.known.get(id);
    if (!held || held.media !== 'voice' || this.known.has(next)) return;
    held.connId = next;
    this.renumberedTo.set(next, id);
  }

  private consult(call: Call, parent: string): SourceEvent[] {
    const leg = this.consults.get(call.id) ?? { parent, released: false };
    // Released first = the consult was abandoned; Completed without a Release = the transfer completed.
    if (call.state === 'Released') leg.released = true;
    this.consults.set(call.id, leg);
    return [];
  }

  private parsed<T extends z.ZodType>(
    schema: T,
    data: unknown,
    onMalformed: (why: string) => void,
    then: (n: z.infer<T>) => SourceEvent[],
  ): SourceEvent[] {
    const r = schema.safeParse(data);
    if (r.success) return then(r.data);
    onMalformed(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return [];
  }

  private chatState(n: z.infer<typeof InteractionStateChanged>): SourceEvent[] {
    const { id, state } = n.interaction;
    const held = this.known.get(id);
    if (!held) {
      if (state !== 'Processing') return [];
      this.known.set(id, { media: 'chat', mediatype: n.interaction.mediatype, ended: false });
      return [{ type: 'interaction-added', interactionId: id, media: 'chat', customerName: customerOf(n) }];
    }
    if (held.ended || state !== 'Completed') return [];
    held.ended = true;
    return [{ type: 'interaction-closed', interactionId: id, endedOrTransferred: true }];
  }
}

/** FirstName and LastName of the attached data (as Genesys's contact fields name them), if any. */
function nameIn(userData: Call['userData']): string {
  const ud = new Map((userData ?? []).map((p) => [p.key, String(p.value ?? '')]));
  return [ud.get('FirstName'), ud.get('LastName')].filter(Boolean).join(' ');
}

/**
 * The other party of a call as Genesys gives it: the first participant's number (the agent's leg lists the
 * others), else the ANI of a call to the agent; never phoneNumber, the agent's own in the client's model
 * (Genesys's simulator copies the caller's there). The name from the attached data when the call carries one.
 */
function callerOf(call: Call): { name?: string; number?: string } {
  const other = call.participants?.find((p) => p.number)?.number;
  const number = other ?? (call.callType === 'Outbound' ? undefined : call.ani);
  const name = nameIn(call.userData);
  return { ...(name ? { name } : {}), ...(number ? { number } : {}) };
}

function customerOf(n: z.infer<typeof InteractionStateChanged>): string {
  const name = nameIn(n.interaction.userData);
  const nick = n.interaction.chat?.participants?.find((p) => p.type === 'Customer')?.nickname;
  return (name || nick || 'Customer').slice(0, 200);
}
