// Strict parser for `cobrowse-agent://join?sid=<9 digits>`. A link can come from any web page or e-mail, so
// it is refused unless it is exactly that shape; each refusal says what is wrong (without echoing the link,
// which may hold a token). Scheme and host compare case-insensitively (RFC 3986: both are), and a lone `/`
// path is accepted because some launchers add it; nothing else is tolerated.
export const DEEP_LINK_SCHEME = 'cobrowse-agent';

export type DeepLink = { ok: true; action: 'join'; sid: string } | { ok: false; reason: string };

const MAX_LENGTH = 200;
const refuse = (reason: string): DeepLink => ({ ok: false, reason });

export function parseDeepLink(raw: string): DeepLink {
  if (raw.length > MAX_LENGTH) return refuse(`The link is longer than ${MAX_LENGTH} characters.`);
  if (!raw.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`))
    return refuse(`The link does not start with ${DEEP_LINK_SCHEME}://.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('The link is not a valid URL.');
  }
  if (url.username || url.password || url.port)
    return refuse('The link must not carry a user, password or port.');
  if (url.hostname.toLowerCase() !== 'join')
    return refuse(`Unknown link action "${url.hostname}": only "join" is supported.`);
  if (url.pathname !== '' && url.pathname !== '/')
    return refuse('The link has an unexpected path after "join".');
  if (url.hash) return refuse('The link must not carry a #fragment.');
  const query = url.search.replace(/^\?/, '');
  const params = query === '' ? [] : query.split('&');
  if (params.includes('')) return refuse('The link has an empty parameter (a stray "&").');
  const names = params.map((p) => p.split('=')[0] ?? '');
  const other = names.find((n) => n !== 'sid');
  if (other !== undefined)
    return refuse(`The link has an unexpected parameter "${other}": only "sid" is allowed.`);
  if (names.length === 0) return refuse('The link has no sid (the 9-digit session token).');
  if (names.length > 1) return refuse('The link has more than one sid.');
  const sid = (params[0] ?? '').slice('sid='.length);
  if (!/^\d{9}$/.test(sid)) return refuse('The sid in the link must be exactly 9 digits.');
  return { ok: true, action: 'join', sid };
}

/** The deep link among command-line arguments (cold start on Windows/Linux, or a second instance's argv). */
export function deepLinkInArgv(argv: readonly string[]): string | null {
  return argv.find((a) => a.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) ?? null;
}
