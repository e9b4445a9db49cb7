// The web bridge's socket to the host: one attempt at a time, and after every close another one by itself,
// 250 ms → 1 s apart (capped, so a host that is back is seen within about a second).

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 1000;

export interface SocketEvents {
  /** The subprotocols an attempt names. */
  protocols(): string[];
  opened(): void;
  message(data: unknown): void;
  /** The socket closed (`wasOpen`), or an attempt failed; the next attempt is scheduled after this. */
  closed(wasOpen: boolean): void;
  /** A scheduled attempt settled (open, or closed if it never opened). */
  retried(ws: WebSocket): void;
}

export interface HostSocket {
  /** The open socket, or null while (re)connecting. */
  current(): WebSocket | null;
  /** The socket of the attempt under way, or of a new one (made once `before` settles). */
  connect(): Promise<WebSocket>;
}

export function hostSocket(url: string, before: Promise<void>, on: SocketEvents): HostSocket {
  let socket: WebSocket | null = null;
  let open: Promise<WebSocket> | null = null;
  let retryMs = FIRST_RETRY_MS;
  const connect = (): Promise<WebSocket> => (open ??= before.then(() => attempt()));
  const attempt = (): Promise<WebSocket> =>
    new Promise((resolve) => {
      const ws = new WebSocket(url, on.protocols());
      let opened = false;
      ws.onopen = () => {
        opened = true;
        retryMs = FIRST_RETRY_MS;
        socket = ws;
        on.opened();
        resolve(ws);
      };
      ws.onmessage = (e) => on.message(e.data);
      ws.onclose = () => {
        socket = null;
        open = null;
        on.closed(opened);
        setTimeout(() => void connect().then(on.retried), retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        resolve(ws); // no-op once it opened; if it never did, callers find it closed and answer `lost`
      };
    });
  return { current: () => socket, connect };
}
