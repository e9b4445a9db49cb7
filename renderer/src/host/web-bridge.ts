// The web edition's `window.cobrowse`: the same contract as the desktop preload, carried over a WebSocket
// to main/web. Calls made while the socket is (re)connecting wait for it; a lost socket fails them with a
// specific error instead of hanging, and the bridge reconnects with backoff (the host may have restarted).
import {
  WireFromHost,
  type CobrowseApi,
  type EventName,
  type EventPayload,
  type Reply,
  type RequestName,
} from '../../../common/contract';

const lost = {
  ok: false as const,
  error: {
    code: 'host-unreachable',
    message: 'The connection to the Cobrowse Agent Shell host was lost.',
    action: 'Check that the app is still running; the sidebar reconnects by itself.',
  },
};

export function connectWebBridge(url: string): CobrowseApi {
  let socket: WebSocket | null = null;
  let open: Promise<WebSocket> | null = null;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, (reply: Reply<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const connect = (): Promise<WebSocket> =>
    (open ??= new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        retryMs = 250;
        socket = ws;
        resolve(ws);
      };
      ws.onmessage = (e) => {
        let frame: WireFromHost;
        try {
          frame = WireFromHost.parse(JSON.parse(String(e.data)));
        } catch {
          return; // not ours: the host validates its own frames, so this never happens in practice
        }
        if ('id' in frame) {
          pending.get(frame.id)?.(frame.reply as Reply<unknown>);
          pending.delete(frame.id);
        } else listeners.get(frame.event as EventName)?.forEach((fn) => fn(frame.payload));
      };
      ws.onclose = () => {
        for (const settle of pending.values()) settle(lost);
        pending.clear();
        socket = null;
        open = null;
        setTimeout(() => {
          // Re-subscribing is implicit (events are per socket); `ready` tells the host to send state again.
          void connect().then(() => {
            if (listeners.size > 0) void api.invoke('ready', {});
          });
        }, retryMs);
        retryMs = Math.min(retryMs * 2, 5_000);
        resolve(ws); // no-op once it opened; if it never did, callers find it closed and answer `lost`
      };
    }));

  const api: CobrowseApi = {
    host: 'web',
    async invoke(name: RequestName, input: unknown) {
      const ws = socket ?? (await connect());
      if (ws.readyState !== WebSocket.OPEN) return lost;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Reply<unknown>) => void);
        ws.send(JSON.stringify({ id, name, input }));
      });
    },
    on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const fn = listener as (payload: unknown) => void;
      set.add(fn);
      void connect();
      return () => set.delete(fn);
    },
  } as CobrowseApi;
  return api;
}
