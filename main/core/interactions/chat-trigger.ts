// The integration guide's chat trigger: a customer message that is exactly `{start:NNNNNNNNN}` carries the
// token. Anything else (other lengths, surrounding text, messages not from the customer) is plain chat.
import { CHAT_START_PATTERN } from '../../../common/protocol';

export type ChatSender = 'customer' | 'agent' | 'system';

/** The session token the message requests co-browse with, or null. */
export function cobrowseTokenIn(from: ChatSender, text: string): string | null {
  if (from !== 'customer') return null;
  return CHAT_START_PATTERN.exec(text)?.[1] ?? null;
}
