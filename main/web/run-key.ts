// The web edition listens on loopback, which other local processes and, on a shared terminal server, other
// users can reach too. Each run has a random key: the link printed at start carries it once, the server
// trades it for an HttpOnly, SameSite=Strict cookie on the page it serves at once (no redirect: the page
// drops the key from the address bar itself), and every page and the API then require that cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cookieValue } from '../../common/cookie-header';

/** The run cookie's name: the agent proxy refuses it to the node (see proxy-rules.ts). */
export const RUN_COOKIE = 'cobrowse_web';

export interface RunKey {
  /** The query string that opens the sidebar: `?key=…`. */
  readonly query: string;
  /** The request carries this run's cookie. */
  admits(req: IncomingMessage): boolean;
  /** A `?key=` link with this run's key (`url`, the request's): the `Set-Cookie` to serve its page with; else null. */
  redeem(url: URL): string | null;
}

export function createRunKey(): RunKey {
  const key = randomBytes(24).toString('base64url');
  const matches = (given: string | null | undefined) =>
    typeof given === 'string' &&
    given.length === key.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(key));
  return {
    query: `?key=${key}`,
    admits: (req) => matches(cookieValue(req.headers.cookie, RUN_COOKIE)),
    redeem: (url) =>
      matches(url.searchParams.get('key')) ? `${RUN_COOKIE}=${key}; HttpOnly; SameSite=Strict; Path=/` : null,
  };
}

/** What someone sees who opened the address without the run's link. */
export function refuseWithoutKey(res: ServerResponse): void {
  res
    .writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
    .end(
      '<!doctype html><meta charset="utf-8"><title>Cobrowse Agent Shell</title>' +
        "<p>Open the sidebar with the link printed when the web edition started: it carries this run's key.</p>",
    );
}
