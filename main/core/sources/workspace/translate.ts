// Workspace notifications → the engine's SourceEvents. Stateful: it remembers which interactions the agent
// holds (to announce each once, and to know chat vs voice when writing attached data) and the last transcript
// index seen per chat (a redelivered or resynced message is never reported twice).
//
// Mapping (where the public material is silent, marked "our choice"; the simulator follows the same table):
// - chat InteractionStateChanged, state Accepted | Processing → interaction-added (first time only);
//   Invited is an offer not yet accepted: ignored.
// - chat state Transferred → interaction-transferred (`to` = the interaction's new queue) (our choice).
// - chat state Revoked after it was accepted → handling-timeout: Interaction Server takes the interaction back
//   when `settings/handling-timeout` expires (our choice of how that is surfaced).
// - chat state Completed → interaction-closed (the agent marked it done).
// - MessageLogUpdated, type Text → chat-message; from.type Customer|Client → customer, Agent|Supervisor → agent,
//   anything else (External bots, system) → system.
// - voice CallStateChanged: Established | Held → interaction-added; notificationType Transferred →
//   interaction-transferred (our choice); Released | Completed → interaction-closed.
import type { SourceEvent } from '../../../../common/source-events';
import {
  CallStateChanged,
  InteractionStateChanged,
  MessageLogUpdated,
  notificationChannels,
  type TranscriptMessage,
} from '../../../../common/workspace-wire';
import type { z } from 'zod';

export interface KnownInteraction {
  media: 'chat' | 'voice';
  /** The Workspace media channel for update-user-data (`chat`, …); voice uses its own endpoint. */
  mediatype: string;
}

const SENDER: Record<string, 'customer' | 'agent'> = {
  Customer: 'customer',
  Client: 'customer',
  Agent: 'agent',
  Supervisor: 'agent',
};

const ACCEPTED = new Set(['Accepted', 'Processing']);
const ANSWERED = new Set(['Established', 'Held']);
const ENDED_CALL = new Set(['Released', 'Completed']);

export class NotificationTranslator {
  readonly known = new Map<string, KnownInteraction & { ended: boolean }>();
  private readonly lastIndex = new Map<string, number>();

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
      return this.parsed(CallStateChanged, data, onMalformed, (n) => this.callState(n));
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
      if (!ACCEPTED.has(state)) return [];
      this.known.set(id, { media: 'chat', mediatype: n.interaction.mediatype, ended: false });
      return [{ type: 'interaction-added', interactionId: id, media: 'chat', customerName: customerOf(n) }];
    }
    if (held.ended) return [];
    const end = (event: SourceEvent): SourceEvent[] => {
      held.ended = true;
      return [event];
    };
    if (state === 'Transferred')
      return end({
        type: 'interaction-transferred',
        interactionId: id,
        ...(n.interaction.queue ? { to: n.interaction.queue } : {}),
      });
    if (state === 'Revoked') return end({ type: 'handling-timeout', interactionId: id });
    if (state === 'Completed') return end({ type: 'interaction-closed', interactionId: id });
    return [];
  }

  private callState(n: z.infer<typeof CallStateChanged>): SourceEvent[] {
    const call = n.call;
    // A call whose connection id changed (e.g. after a consult) is still the same interaction.
    if (call.previousConnId && this.known.has(call.previousConnId) && !this.known.has(call.id)) {
      this.known.set(call.id, this.known.get(call.previousConnId)!);
      this.known.delete(call.previousConnId);
    }
    const held = this.known.get(call.id);
    if (!held) {
      if (!ANSWERED.has(call.state)) return [];
      this.known.set(call.id, { media: 'voice', mediatype: 'voice', ended: false });
      const caller = call.participants?.[0]?.number;
      return [
        {
          type: 'interaction-added',
          interactionId: call.id,
          media: 'voice',
          customerName: caller ? caller.slice(0, 200) : 'Caller',
        },
      ];
    }
    if (held.ended) return [];
    if (n.notificationType === 'Transferred') {
      held.ended = true;
      return [{ type: 'interaction-transferred', interactionId: call.id }];
    }
    if (ENDED_CALL.has(call.state)) {
      held.ended = true;
      return [{ type: 'interaction-closed', interactionId: call.id }];
    }
    return [];
  }
}

function customerOf(n: z.infer<typeof InteractionStateChanged>): string {
  const ud = new Map((n.interaction.userData ?? []).map((p) => [p.key, String(p.value ?? '')]));
  const name = [ud.get('FirstName'), ud.get('LastName')].filter(Boolean).join(' ');
  const nick = n.interaction.chat?.participants?.find((p) => p.type === 'Customer')?.nickname;
  return (name || nick || 'Customer').slice(0, 200);
}
