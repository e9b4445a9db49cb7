// How a session ID is read from what an agent typed or pasted: one rule for the sidebar's hint and main's
// join, so both agree. Free of zod, so the sidebar's first paint does not need it.

/** A co-browse session token: exactly 9 ASCII digits (docs/protocol.md). */
export const TOKEN_PATTERN = /^\d{9}$/;

// Digits of the scripts an agent's keyboard or a customer's message may carry: Arabic-Indic, Eastern
// Arabic-Indic (Persian, Urdu) and full-width, read as the ASCII digits the server knows.
const DIGIT_BLOCKS = [0x0660, 0x06f0, 0xff10];
const asciiDigits = (text: string): string =>
  text.replace(/[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code - DIGIT_BLOCKS.find((b) => code >= b && code <= b + 9)!);
  });

// Our choice of separators between digit groups, as people write numbers down: spaces of any width,
// dashes, dots, slashes, underscores.
const RUN = /\d(?:[\d\p{Zs}\p{Pd}./_]*\d)?/gu;

/**
 * The 9-digit session ID in what an agent typed or pasted: a chat's `{start:NNNNNNNNN}` message, a
 * `cobrowse-agent://join?sid=…` link, or text holding exactly nine digits in one run of groups (`414 898 940`,
 * `Session ID: 414-898-940`, `ID ٤١٤٨٩٨٩٤٠`). Null when none is there; main then refuses the raw text with a
 * specific error. Another link or `{…}` form is never read by its digits: it means something else.
 */
export function normaliseSessionId(raw: string): string | null {
  const text = asciiDigits(raw.trim());
  const wrapped = /^\{start:(\d{9})\}$/.exec(text) ?? /^cobrowse-agent:\/\/join\/?\?sid=(\d{9})$/i.exec(text);
  if (wrapped) return wrapped[1]!;
  if (/[{}]|:\/\//.test(text)) return null;
  const runs = text.match(RUN) ?? [];
  if (runs.length !== 1) return null;
  const digits = runs[0]!.replace(/\D/g, '');
  return TOKEN_PATTERN.test(digits) ? digits : null;
}

/** How many digits the text holds (any script), for saying how far it is from a session ID. */
export const digitCount = (raw: string): number => asciiDigits(raw).replace(/\D/g, '').length;
