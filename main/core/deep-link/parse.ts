// Strict parser for `cobrowse-agent://join?sid=<9 digits>`. A link can come from any web page or e-mail, so
// it is refused unless it is exactly that shape; each refusal says what is wrong, as a code (without echoing
// the link, which may hold a token: only an action or parameter name that is not ours). Scheme and host
// compare case-insensitively (RFC 3986: both are), and a lone `/` path is accepted because some launchers
// add it; nothing else is tolerated.
import type { DeepLinkRefusal } from '../../../common/contract';

export const DEEP_LINK_SCHEME = 'cobrowse-agent';

export type DeepLink =
  { ok: true; action: 'join'; sid: string } | { ok: false; reason: DeepLinkRefusal; name: string | null };

const MAX_LENGTH = 200;
const refuse = (reason: DeepLinkRefusal, name: string | null = null): DeepLink => ({
  ok: false,
  reason,
  name,
});

export function parseDeepLink(raw: string): DeepLink {
  if (raw.length > MAX_LENGTH) return refuse('too-long');
  if (!raw.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`)) return refuse('wrong-scheme');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('not-a-url');
  }
  if (url.username || url.password || url.port) return refuse('credentials-or-port');
  if (url.hostname.toLowerCase() !== 'join') return refuse('unknown-action', url.hostname);
  if (url.pathname !== '' && url.pathname !== '/') return refuse('unexpected-path');
  if (url.hash) return refuse('fragment');
  const query = url.search.replace(/^\?/, '');
  const params = query === '' ? [] : query.split('&');
  if (params.includes('')) return refuse('empty-parameter');
  const names = params.map((p) => p.split('=')[0] ?? '');
  const other = names.find((n) => n !== 'sid');
  if (other !== undefined) return refuse('unexpected-parameter', other);
  if (names.length === 0) return refuse('no-sid');
  if (names.length > 1) return refuse('several-sids');
  const sid = (params[0] ?? '').slice('sid='.length);
  if (!/^\d{9}$/.test(sid)) return refuse('sid-not-9-digits');
  return { ok: true, action: 'join', sid };
}

/** The deep link among command-line arguments (cold start on Windows/Linux, or a second instance's argv). */
export function deepLinkInArgv(argv: readonly string[]): string | null {
  return argv.find((a) => a.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) ?? null;
}
