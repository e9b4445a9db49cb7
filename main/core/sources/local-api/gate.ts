// The checks every request and WebSocket upgrade passes before it is routed. Browsers are kept out: any
// request with an Origin header is refused, Host must be loopback (DNS rebinding), and every call needs the
// bearer token from the user's settings folder; one connection is held to a rate (keep-alive lets one socket
// carry a flood).
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { APP_HEADER, AppName } from '../../../../common/local-api-wire';
import { rateLimit, type RateLimit } from '../../net/flood-guard';
import { HttpError } from './http-error';
import { tokensEqual } from './token-file';

export const HOST = '127.0.0.1';
// Our choice (a softphone sends a few requests a second): `burst` requests at once then `perSecond`, else 429.
const HTTP_RATE = { perSecond: 50, burst: 100 };

/** Origin, Host and bearer token; throws the refusal. */
export function admit(req: IncomingMessage, port: number, token: string): void {
  if (req.headers.origin !== undefined)
    throw new HttpError(403, { error: 'origin-forbidden', message: 'requests from web pages are refused' });
  const host = req.headers.host ?? '';
  if (host !== `${HOST}:${port}` && host !== `localhost:${port}`)
    throw new HttpError(403, { error: 'host-forbidden', message: `Host must be ${HOST}:${port}` });
  const auth = req.headers.authorization ?? '';
  const given = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
  if (!given || !tokensEqual(given, token))
    throw new HttpError(
      401,
      { error: 'unauthorized', message: 'a valid bearer token is required (see the local-api-token file)' },
      { 'WWW-Authenticate': 'Bearer' },
    );
}

/** A per-connection rate check: throws 429 with Retry-After when the request's connection is over its rate. */
export function connectionRate(): (req: IncomingMessage) => void {
  const limits = new WeakMap<Socket, RateLimit>();
  return (req) => {
    let limit = limits.get(req.socket);
    if (!limit) limits.set(req.socket, (limit = rateLimit(HTTP_RATE.perSecond, HTTP_RATE.burst)));
    if (!limit.take())
      throw new HttpError(
        429,
        {
          error: 'too-many-requests',
          message: `more than ${HTTP_RATE.perSecond} requests a second on one connection; slow down`,
        },
        { 'Retry-After': String(limit.retryAfterS()) },
      );
  };
}

/** The `X-Cobrowse-App` the request names, if any. */
export function appOf(req: IncomingMessage): string | undefined {
  const given = req.headers[APP_HEADER];
  if (given === undefined) return undefined;
  const parsed = AppName.safeParse(given);
  if (!parsed.success)
    throw new HttpError(400, {
      error: 'invalid-app',
      message: `X-Cobrowse-App must name the app in ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    });
  return parsed.data;
}
