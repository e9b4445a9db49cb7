// Bounds for our loopback servers (the local API, the web edition's /api), which any local process can
// reach: a token bucket per connection, and refusals logged at a rate instead of one line each, so
// neither memory nor the log grows with what a hostile client sends.
import type { WebSocket } from 'ws';
import type { Logger, LogFields } from '../../../common/logger';

export interface RateLimit {
  /** Takes one request's token; false when the connection is over its rate. */
  take(): boolean;
  /** Whole seconds until a token is back (for Retry-After). */
  retryAfterS(): number;
}

/** `burst` requests at once, then `perSecond` on average. */
export function rateLimit(perSecond: number, burst: number, now: () => number = Date.now): RateLimit {
  let tokens = burst;
  let at = now();
  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - at) / 1000) * perSecond);
    at = t;
  };
  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    retryAfterS() {
      refill();
      return Math.max(1, Math.ceil((1 - tokens) / perSecond));
    },
  };
}

/**
 * A refusal logger: the first refusal is logged at once (WARN), later ones in the same interval are counted
 * and summed up in one line at its end, with the latest one's fields.
 */
export function refusalLog(log: Logger, message: string, intervalMs = 10_000): (fields?: LogFields) => void {
  let open = false;
  let more = 0;
  let latest: LogFields | undefined;
  const close = () => {
    if (more === 0) return void (open = false);
    log.warn(`${message}: ${more} more in the last ${Math.round(intervalMs / 1000)} s`, latest);
    more = 0;
    setTimeout(close, intervalMs).unref();
  };
  return (fields) => {
    if (open) {
      more++;
      latest = fields;
      return;
    }
    open = true;
    log.warn(message, fields);
    setTimeout(close, intervalMs).unref();
  };
}

/**
 * Ends a WebSocket that floods or does not read: a 1008 close frame (callers ignore messages once it is not
 * OPEN), and the socket dropped after a grace if the peer never completes the close (ws would wait 30 s).
 */
export function cutOff(ws: WebSocket, reason: string, graceMs = 5_000): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.close(1008, reason);
  setTimeout(() => ws.terminate(), graceMs).unref();
}
