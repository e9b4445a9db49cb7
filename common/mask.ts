// Tokens never reach a log whole: a session token keeps its last 3 digits, a user token its last 3 characters.
const SESSION_TOKEN_IN_TEXT = /(?<!\d)\d{9}(?!\d)/g;

export function maskToken(token: string | undefined | null): string {
  if (!token) return '∅';
  return token.length <= 3
    ? '*'.repeat(token.length)
    : `${'*'.repeat(Math.min(6, token.length - 3))}${token.slice(-3)}`;
}

/** Masks every 9-digit run (session tokens, `{start:…}` messages, agent-page URLs) in free text. */
export function maskTokensIn(text: string): string {
  return text.replace(SESSION_TOKEN_IN_TEXT, (t) => maskToken(t));
}
