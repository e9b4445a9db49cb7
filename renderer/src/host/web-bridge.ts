// The web edition's `window.cobrowse`: the same contract as the desktop preload, carried over a WebSocket
// to main/web. Calls made while the socket is (re)connecting wait for it; a lost socket fails them with a
// specific error instead of hanging, says so to the sidebar at once (`onHostLink`), and the bridge reconnects
// by itself every 250 ms → 1 s (capped, so a host that is back is seen within about a second).
//
// No cookie (any page on another loopback port could read or set it): the one-time key of the link the host
// printed is traded once for a tab key, kept in this tab's sessionStorage (no other origin can read it) and
// named on the socket as a `key.<tab key>` subprotocol. A tab that trades a new run's link hands its key to
// the sidebar's other tabs (BroadcastChannel: same origin only), so they reconnect by themselves.
import type {
  CobrowseApi,
  EventName,
  EventPayload,
  HostLink,
  Reply,
  RequestName,
  WireFromHost,
} from '../../../common/contract';

const lost: Reply<never> = { ok: false, error: { code: 'host-unreachable' } };
const linkNeeded: Reply<never> = { ok: false, error: { code: 'link-needed' } };

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 1000;
const TAB_KEY = 'cobrowse.tabKey';
const PROTOCOL = 'cobrowse';

/** `url`: the host's `ws(s)://…/api`; `linkKey`: the one-time key of the link this page was opened with. */
export function connectWebBridge(url: string, linkKey: string | null): CobrowseApi {
  // The frames' schema brings the contract's schemas and zod: fetched alongside the socket's opening rather
  // than before the first paint. Frames wait for it in arrival order (one promise, callbacks in order).
  const frameSchema = import('../../../common/contract').then((c) => c.WireFromHost);
  let socket: WebSocket | null = null;
  let open: Promise<WebSocket> | null = null;
  let nextId = 1;
  let retryMs = FIRST_RETRY_MS;
  let link: HostLink = 'up';
  const pending = new Map<number, (reply: Reply<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const linkListeners = new Set<(link: HostLink) => void>();
  // 401 there means a new run of the app, whose key this page lacks.
  const sessionUrl = url.replace(/^ws/, 'http') + '/session';
  let tabKey = sessionStorage.getItem(TAB_KEY);
  const tabs = new BroadcastChannel(TAB_KEY);
  const adopt = (key: string) => {
    tabKey = key;
    sessionStorage.setItem(TAB_KEY, key);
  };
  tabs.onmessage = (e: MessageEvent) => {
    if (typeof e.data !== 'string') return;
    adopt(e.data);
    // At once rather than at the next retry; the retry still follows, and its `ready` asks for the state.
    if (!socket) void connect();
  };
  const redeemed = linkKey ? redeem(sessionUrl, linkKey) : Promise.resolve(null);
  const keyed = redeemed.then((key) => {
    if (!key) return;
    adopt(key);
    tabs.postMessage(key);
  });

  const setLink = (next: HostLink) => {
    if (next === link) return;
    link = next;
    linkListeners.forEach((fn) => fn(next));
  };

  const hostRestarted = async (): Promise<boolean> => {
    try {
      const headers = { Authorization: `Bearer ${tabKey ?? ''}` };
      return (await fetch(sessionUrl, { cache: 'no-store', headers })).status === 401;
    } catch {
      return false; // not answering at all: simply down
    }
  };
  // One check per failed attempt; only the latest may say what the link is: an older one, answered late
  // (sent while the host was still down), must not put "down" back over a newer "restarted".
  let checks = 0;
  const checkHost = () => {
    const check = ++checks;
    void hostRestarted().then((restarted) => check === checks && setLink(restarted ? 'restarted' : 'down'));
  };

  const connect = (): Promise<WebSocket> => (open ??= keyed.then(() => opened()));
  const opened = (): Promise<WebSocket> =>
    new Promise((resolve) => {
      const ws = new WebSocket(url, tabKey ? [PROTOCOL, `key.${tabKey}`] : [PROTOCOL]);
      let opened = false;
      ws.onopen = () => {
        opened = true;
        checks++; // a check still under way no longer speaks for the link: it is up
        retryMs = FIRST_RETRY_MS;
        socket = ws;
        setLink('up');
        resolve(ws);
      };
      ws.onmessage = (e) =>
        void frameSchema.then(
          (schema) => {
            let frame: WireFromHost;
            try {
              frame = schema.parse(JSON.parse(String(e.data)));
            } catch {
              return; // not ours: the host validates its own frames, so this never happens in practice
            }
            if ('id' in frame) {
              pending.get(frame.id)?.(frame.reply as Reply<unknown>);
              pending.delete(frame.id);
            } else listeners.get(frame.event as EventName)?.forEach((fn) => fn(frame.payload));
          },
          // Its chunk did not load (the host restarted under the page): the host link says what to do.
          (err: unknown) => console.error("the sidebar could not read the host's messages", err),
        );
      ws.onclose = () => {
        for (const settle of pending.values()) settle(lost);
        pending.clear();
        socket = null;
        open = null;
        if (opened || link === 'up') setLink('down');
        else checkHost();
        setTimeout(() => {
          // Re-subscribing is implicit (events are per socket); `ready` tells the host to send state again.
          void connect().then((again) => {
            if (again.readyState === WebSocket.OPEN && listeners.size > 0) void api.invoke('ready', {});
          });
        }, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        resolve(ws); // no-op once it opened; if it never did, callers find it closed and answer `lost`
      };
    });

  const api: CobrowseApi = {
    host: 'web',
    async invoke(name: RequestName, input: unknown) {
      const ws = socket ?? (await connect());
      // Not connected: the host is down, or it answers but this page holds none of its keys.
      if (ws.readyState !== WebSocket.OPEN) return (await hostRestarted()) ? linkNeeded : lost;
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
    onHostLink(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
  } as CobrowseApi;
  return api;
}

/** Trades the link's one-time key for a tab key; null when it is used or not this run's. */
async function redeem(sessionUrl: string, link: string): Promise<string | null> {
  try {
    const res = await fetch(sessionUrl, {
      method: 'POST',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ link }),
    });
    if (!res.ok) return null;
    const { tab } = (await res.json()) as { tab?: unknown };
    return typeof tab === 'string' ? tab : null;
  } catch {
    return null; // the host is not answering: the link light says so
  }
}
