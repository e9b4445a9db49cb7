// What the agent proxy may send where, as pure functions: the upstream target of a path under a route (only
// ever on the route owner's origin), the cookies that go upstream (only the node's own and the stickiness
// cookie, never the sidebar's), and the Set-Cookie rewrite that keeps every node cookie inside the route.
/** A path the browser may ask under `/a/<key>`: refused escapes get 400 and never leave the proxy. */
export class RefusedPath extends Error {
  constructor(reason: string) {
    super(`not a path of the agent page: ${reason}`);
  }
}

// Encoded `/`, `\` or NUL: the owner (or a server behind it) may decode them into an escape we never saw.
const ENCODED_ESCAPE = /%(?:2f|5c|00)/i;

/**
 * The upstream URL for `tail` (the path after `/a/<key>`, with its query). The path part must already be
 * canonical: one leading `/`, no backslash, no encoded slash, and resolving it against the owner must change
 * nothing (so no `.`/`..` segment, plain or encoded, and no `//host`, `/\host` or `//user@host`).
 */
export function upstreamTarget(tail: string, owner: string): URL {
  const q = tail.indexOf('?');
  const path = q < 0 ? tail : tail.slice(0, q);
  if (!path.startsWith('/') || path.startsWith('//')) throw new RefusedPath('it must start with one /');
  if (path.includes('\\')) throw new RefusedPath('a backslash');
  if (ENCODED_ESCAPE.test(path)) throw new RefusedPath('an encoded slash, backslash or NUL');
  const base = new URL(owner);
  const target = new URL(tail, base.origin);
  if (target.pathname !== path) throw new RefusedPath('it is not canonical (dot segments or escapes)');
  // The invariant everything above serves; checked on its own so no future parsing change can break it.
  if (target.origin !== base.origin) throw new RefusedPath('another origin');
  return target;
}

const nameOf = (pair: string) => {
  const eq = pair.indexOf('=');
  return (eq < 0 ? pair : pair.slice(0, eq)).trim();
};

/**
 * The Cookie header for the owner: of what the browser sent (every cookie of 127.0.0.1, whatever the port:
 * the sidebar's run cookie and other local apps' included), only the names the node itself set on this route,
 * the first of each (the browser sends the most specific path first: ours, under the route prefix), then the
 * route's stickiness cookie, which nothing the browser sends can replace. Our choice, Genesys being silent on
 * the agent page's cookies: a cookie its script sets itself (document.cookie) is not forwarded either.
 */
export function upstreamCookies(
  header: string | undefined,
  nodeCookies: ReadonlySet<string>,
  sticky: string | null,
): string | undefined {
  const stickyName = sticky ? nameOf(sticky) : undefined;
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const part of (header ?? '').split(';')) {
    const name = nameOf(part);
    if (!nodeCookies.has(name) || name === stickyName || seen.has(name)) continue;
    seen.add(name);
    kept.push(part.trim());
  }
  if (sticky) kept.push(sticky);
  return kept.length > 0 ? kept.join('; ') : undefined;
}

/**
 * One upstream Set-Cookie, scoped inside the route: every `Path` replaced by one `Path=<prefix><path>` (a
 * missing or relative path counts as `/`), every `Domain` dropped (a host-only cookie of the proxy's host, so
 * the node cannot plant cookies for other loopback ports). Returns the cookie's name with it, or null for a
 * header with no cookie name.
 */
export function scopedSetCookie(setCookie: string, prefix: string): { name: string; header: string } | null {
  const [pair = '', ...attributes] = setCookie.split(';');
  const name = nameOf(pair);
  if (!name) return null;
  let path = '/';
  const kept: string[] = [pair.trim()];
  for (const attribute of attributes) {
    const key = nameOf(attribute).toLowerCase();
    if (key === 'domain') continue;
    if (key === 'path') {
      const value = attribute.slice(attribute.indexOf('=') + 1).trim();
      path = value.startsWith('/') ? value : '/';
      continue;
    }
    if (attribute.trim()) kept.push(attribute.trim());
  }
  kept.push(`Path=${prefix}${path}`);
  return { name, header: kept.join('; ') };
}
