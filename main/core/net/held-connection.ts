// One idle TCP (or TLS) connection held open to a service, sending nothing: the service going away closes,
// resets or refuses it, which is seen at once instead of at the next poll, and it costs the service no
// request. A connection the server closes (its idle timeout) is opened again at once; while connecting
// fails, retries back off from 250 ms to a 1 s cap, so a service that answers again is seen within ~1 s.
import net from 'node:net';
import tls from 'node:tls';
import type { ConnectionDetail } from '../../../common/contract';

export type LinkState = { up: true } | { up: false; detail: ConnectionDetail };

export interface HeldConnection {
  close(): void;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 1000;
/** A connection the server drops sooner than this is not a healthy one: retry with backoff, not at once. */
const SHORT_LIVED_MS = 1000;

export function holdConnection(
  url: string,
  opts: { ca?: string[] | undefined; connectTimeoutMs: number },
  onChange: (state: LinkState) => void,
): HeldConnection {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const port = Number(target.port) || (secure ? 443 : 80);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  let socket: net.Socket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let retryMs = FIRST_RETRY_MS;
  let closed = false;
  let last: boolean | undefined;
  const report = (state: LinkState) => {
    if (state.up === last) return;
    last = state.up;
    onChange(state);
  };

  const open = () => {
    if (closed) return;
    let openedAt = 0;
    let failure: string | undefined;
    const s = secure
      ? tls.connect({
          host,
          port,
          servername: net.isIP(host) ? '' : host,
          ...(opts.ca ? { ca: opts.ca } : {}),
        })
      : net.connect({ host, port });
    socket = s;
    s.unref(); // a liveness signal never keeps the process alive
    s.setTimeout(opts.connectTimeoutMs, () =>
      s.destroy(new Error(`no answer within ${opts.connectTimeoutMs} ms`)),
    );
    s.once(secure ? 'secureConnect' : 'connect', () => {
      openedAt = performance.now();
      s.setTimeout(0); // idle from now on, by design
      s.setKeepAlive(true);
      retryMs = FIRST_RETRY_MS;
      report({ up: true });
    });
    // Anything the server sends unasked is not for us; the connection stays a pure liveness signal.
    s.on('data', () => {});
    s.on('error', (e: Error & { code?: string }) => (failure = e.code ? `${e.code}` : e.message));
    s.on('close', () => {
      if (closed) return;
      const lived = openedAt ? performance.now() - openedAt : 0;
      if (!openedAt || failure) {
        const cause = failure ?? 'connection closed';
        report({ up: false, detail: { code: 'service-unreachable', params: { host: target.host, cause } } });
        timer = setTimeout(open, retryMs).unref();
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      } else timer = setTimeout(open, lived < SHORT_LIVED_MS ? retryMs : 0).unref();
    });
  };
  open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.destroy();
    },
  };
}
