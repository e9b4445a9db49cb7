// Tokens never reach a log whole: a session token keeps its last 3 digits, a user token its last 3 characters.

export function maskToken(token: string | undefined | null): string {
  if (!token) return '∅';
  return token.length <= 3
    ? '*'.repeat(token.length)
    : `${'*'.repeat(Math.min(6, token.length - 3))}${token.slice(-3)}`;
}

/**
 * A phone number kept where it outlives the call (History): every digit but the last 4 hidden, the rest of its
 * shape kept (`+1 555 0123` → `+* *** 0123`). Our choice, as the session ID is kept masked there too.
 */
export function maskPhoneNumber(number: string): string {
  const digits = [...number].filter((c) => DIGIT.test(c)).length;
  let seen = 0;
  return [...number].map((c) => (DIGIT.test(c) && ++seen <= digits - 4 ? '*' : c)).join('');
}

// A token attempt is any 9 digits a reader could take for one, not only what normaliseSessionId accepts:
// digits of any script (ASCII, full-width, Arabic-Indic, Devanagari…, superscripts) in groups joined by up to
// 3 separators (spaces of any width, dots, commas, dashes, underscores, slashes, colons, apostrophes).
const DIGIT = /[\p{Nd}\p{No}]/u;
const RUN = /[\p{Nd}\p{No}]+(?:[\p{Zs}\p{Pd}\t._,/\\:'’·]{1,3}[\p{Nd}\p{No}]+)*/gu;
// Our choice: the clock in every log line (`08:50:14.123`) and an IPv4 address (`192.168.1.10`) are no
// tokens, though they can hold 9 digits: nobody types a token so, and hosts must stay readable in errors.
const CLOCK = /^\d\d:\d\d:\d\d[.,]\d{3}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/**
 * Masks, in free text, every 9 digits that form a token attempt: a run of exactly 9 digits, or consecutive
 * digit groups (one run of separators between each) adding up to exactly 9. A longer plain number (an id
 * of 10 digits) stays; the last 3 digits of what is masked stay readable, as with maskToken.
 */
export function maskTokensIn(text: string): string {
  return text.replace(RUN, (run) => {
    const chars = [...run];
    const groups: { start: number; end: number }[] = []; // char indexes, end exclusive
    chars.forEach((c, i) => {
      if (!DIGIT.test(c)) return;
      const last = groups.at(-1);
      if (last && last.end === i) last.end++;
      else groups.push({ start: i, end: i + 1 });
    });
    const text = (a: number, b: number) => chars.slice(groups[a]!.start, groups[b]!.end).join('');
    // An address's 4 groups (not part of a longer dotted run) take part in no token.
    const inAddress = new Set<number>();
    for (let i = 0; i + 3 < groups.length; i++) {
      const dotBefore = i > 0 && chars[groups[i]!.start - 1] === '.';
      const dotAfter = chars[groups[i + 3]!.end] === '.' && i + 4 < groups.length;
      if (IPV4.test(text(i, i + 3)) && !dotBefore && !dotAfter)
        for (let g = i; g <= i + 3; g++) inAddress.add(g);
    }
    const masked = new Set<number>();
    for (let first = 0; first < groups.length; first++) {
      let digits = 0;
      for (let last = first; last < groups.length && digits < 9 && !inAddress.has(last); last++) {
        digits += groups[last]!.end - groups[last]!.start;
        if (digits === 9 && !CLOCK.test(text(first, last)))
          for (let i = groups[first]!.start; i < groups[last]!.end; i++)
            if (DIGIT.test(chars[i]!)) masked.add(i);
      }
    }
    if (masked.size === 0) return run;
    const keep = [...masked].sort((a, b) => a - b).slice(-3);
    return chars.map((c, i) => (masked.has(i) && !keep.includes(i) ? '*' : c)).join('');
  });
}
