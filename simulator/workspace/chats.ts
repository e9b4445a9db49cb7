// The chat model of the Workspace simulator, as Genesys's Workspace API tells a chat: Invited → Processing →
// Completed (a transfer too is Completed for this agent), and the transcript as MessageLogUpdated notices.
import { randomBytes } from 'node:crypto';
import { notificationChannels, type TranscriptMessage } from '../../common/workspace-wire';
import type { HasUserData, Notice, Publish } from './user-data';

export type Sender = 'customer' | 'agent' | 'system';
const PARTICIPANT: Record<Sender, string> = { customer: 'Customer', agent: 'Agent', system: 'External' };

export interface SimChat extends HasUserData {
  id: string;
  customerName: string;
  state: 'Invited' | 'Processing' | 'Completed';
  queue: string;
  messages: (TranscriptMessage & { at: number })[];
}

export class ChatModel {
  readonly chats = new Map<string, SimChat>();
  private counter = 0;

  constructor(private readonly publish: Publish) {}

  /** A chat is offered and accepted at once, as an agent in auto-answer would. */
  open(customerName = 'Customer'): string {
    const id = `chat-${(++this.counter).toString().padStart(4, '0')}-${randomBytes(4).toString('hex')}`;
    const chat: SimChat = {
      id,
      customerName,
      state: 'Invited',
      queue: 'Chat',
      messages: [],
      userData: {},
      writes: [],
    };
    this.chats.set(id, chat);
    this.changed(chat); // the offer…
    chat.state = 'Processing'; // …accepted
    this.changed(chat);
    this.append(chat, { type: 'ParticipantJoined', from: { type: 'Customer', nickname: customerName } });
    return id;
  }

  say(id: string, from: Sender, text: string): void {
    this.append(this.get(id), { type: 'Text', from: { type: PARTICIPANT[from], nickname: from }, text });
  }

  /** Completed for this agent: ended, or transferred to `queue`. */
  complete(id: string, queue?: string): void {
    const chat = this.get(id);
    Object.assign(chat, { state: 'Completed' }, queue ? { queue } : {});
    this.changed(chat);
  }

  get(id: string): SimChat {
    const chat = this.chats.get(id);
    if (!chat) throw new RangeError(`no chat ${id}`);
    return chat;
  }

  /** The transcript as `GET …/messages` answers it. */
  transcript(chat: SimChat): TranscriptMessage[] {
    return chat.messages.map(({ at: _at, ...m }) => m);
  }

  /** What a session that just activated learns: the agent's open chats. */
  recoveryNotices(): Notice[] {
    return [...this.chats.values()]
      .filter((c) => c.state === 'Processing')
      .map((c) => ({ channel: notificationChannels.chat, data: this.notice(c) }));
  }

  private changed(chat: SimChat): void {
    this.publish(notificationChannels.chat, this.notice(chat));
  }

  private notice(chat: SimChat) {
    return {
      messageType: 'InteractionStateChanged',
      notificationType: 'StatusChange',
      interaction: {
        id: chat.id,
        mediatype: 'chat',
        state: chat.state,
        queue: chat.queue,
        userData: [{ key: 'FirstName', type: 'str', value: chat.customerName }],
        chat: { participants: [{ type: 'Customer', nickname: chat.customerName }] },
      },
    };
  }

  private append(
    chat: SimChat,
    m: { type: string; from: { type: string; nickname: string }; text?: string },
  ): void {
    const message = { ...m, index: chat.messages.length + 1, at: Date.now() };
    chat.messages.push(message);
    const { at: _at, ...wire } = message;
    this.publish(notificationChannels.chat, {
      messageType: 'MessageLogUpdated',
      notificationType: 'NewMessages',
      interactionId: chat.id,
      messages: [wire],
    });
  }
}
