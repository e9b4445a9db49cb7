// What the Session ID field shows under itself and what Join sends. The field accepts whatever an agent
// pastes; the hint says what will be joined. Main has the last word: when nothing normalises, the raw text
// goes as typed, so main answers with its own specific refusal.
import { defineMessages } from 'react-intl';
import { normaliseSessionId } from '../../../common/contract';
import { digitCount } from '../../../common/session-id';
import type { Phrase } from '../i18n/codes';

/** The contract's bound on a token; longer pastes are cut so main still answers "not a session ID". */
const MAX_TOKEN = 200;

export interface FieldReading {
  /** What Join sends as `token`. */
  token: string;
  /** The 9 digits, when the text holds a session ID. */
  sessionId: string | null;
  hint: Phrase;
}

const hints = defineMessages({
  will: { id: 'join.hint.will', defaultMessage: 'Will join session {id}.' },
  empty: {
    id: 'join.hint.empty',
    defaultMessage: "9 digits from the customer, a '{start:…}' message or a join link.",
    description: '{start:…} is the chat message a customer page sends, kept as it is',
  },
  digits: { id: 'join.hint.digits', defaultMessage: 'A session ID has 9 digits; this has {digits, number}.' },
  not: { id: 'join.hint.not', defaultMessage: 'This is not a session ID; Join will say why.' },
});

export function readSessionField(raw: string): FieldReading {
  const sessionId = normaliseSessionId(raw);
  const token = sessionId ?? raw.slice(0, MAX_TOKEN);
  if (sessionId) return { token, sessionId, hint: { message: hints.will, params: { id: sessionId } } };
  if (raw.trim() === '') return { token, sessionId, hint: { message: hints.empty } };
  const digits = digitCount(raw);
  return {
    token,
    sessionId,
    // A link or a `{…}` form is not short of digits: it is something else.
    hint:
      digits > 0 && !/[{}]|:\/\//.test(raw)
        ? { message: hints.digits, params: { digits } }
        : { message: hints.not },
  };
}
