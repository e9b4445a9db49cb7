// The CORS allow-list check of get-session (protocol.md): the request's Origin, or failing that the origin
// of its Referer, must be on the list. An entry ending in `:*` allows any port of that scheme and host.
import type { IncomingMessage } from 'node:http';

export type OriginCheck = (origin: string) => boolean;

export function originMatcher(allowed: readonly string[]): OriginCheck {
  return (origin) =>
    allowed.some((entry) => {
      if (!entry.endsWith(':*')) return entry === origin;
      const prefix = entry.slice(0, -1);
      return origin.startsWith(prefix) && /^\d{1,5}$/.test(origin.slice(prefix.length));
    });
}

/** The caller's origin: the Origin header, else the origin of the Referer; undefined when neither parses. */
export function requestOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') return origin;
  const referer = req.headers.referer;
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** Loopback on any port, plus the balancer's own origin: the demo default; tests pass a strict list. */
export const defaultAllowedOrigins = (balancerOrigin: string): string[] => [
  balancerOrigin,
  'http://127.0.0.1:*',
  'http://localhost:*',
];
