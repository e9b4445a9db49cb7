// The integration guide's chat trigger: a customer message that is exactly `{start:NNNNNNNNN}` carries the
// token. Anything else (other lengths, surrounding text, messages not from the customer) is plain chat.
import { CHAT_START_PATTERN, sessionTokenOf, type SessionToken } from '../../../common/protocol';

export type ChatSender = 'customer' | 'agent' | 'system';

/** The session token the message requests co-browse with, or null. */
export function cobrowseTokenIn(from: ChatSender, text: string): SessionToken | null {
  if (from !== 'customer') return null;
  const digits = CHAT_START_PATTERN.exec(text)?.[1];
  return digits === undefined ? null : sessionTokenOf(digits);
}
