// What the Session ID field shows under itself and what Join sends. The field accepts whatever an agent
// pastes; the hint says what will be joined. Main has the last word: when nothing normalises, the raw text
// goes as typed, so main answers with its own specific refusal.
import { groupDigits, normaliseSessionId } from '../../../common/contract';

/** The contract's bound on a token; longer pastes are cut so main still answers "not a session ID". */
const MAX_TOKEN = 200;

export interface FieldReading {
  /** What Join sends as `token`. */
  token: string;
  /** The 9 digits, when the text holds a session ID. */
  sessionId: string | null;
  hint: string;
}

export function readSessionField(raw: string): FieldReading {
  const sessionId = normaliseSessionId(raw);
  const token = sessionId ?? raw.slice(0, MAX_TOKEN);
  if (sessionId) return { token, sessionId, hint: `Will join session ${groupDigits(sessionId)}.` };
  if (raw.trim() === '')
    return { token, sessionId, hint: '9 digits from the customer, a {start:…} message or a join link.' };
  const digits = raw.replace(/\D/g, '').length;
  return {
    token,
    sessionId,
    hint:
      digits > 0 && /^[\d\s-]+$/.test(raw.trim())
        ? `A session ID has 9 digits; this has ${digits}.`
        : 'This is not a session ID; Join will say why.',
  };
}
