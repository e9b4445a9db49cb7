// The web edition's `window.cobrowse`: the same contract as the desktop preload, carried over a WebSocket
// to main/web. Calls made while the socket is (re)connecting wait for it; a lost socket fails them with a
// specific error instead of hanging, says so to the sidebar at once (`onHostLink`), and the bridge reconnects
// by itself (bridge-socket.ts).
//
// No cookie: the tab key (bridge-tab-key.ts), traded once for the one-time key of the link the host printed,
// is named on the socket as a `key.<tab key>` subprotocol.
import type { CobrowseApi, EventName, EventPayload, Reply, RequestName } from '../../../common/contract';
import { createCalls, frameReader } from './bridge-calls';
import { hostLinkState } from './bridge-link';
import { hostSocket } from './bridge-socket';
import { keepTabKey } from './bridge-tab-key';

const lost: Reply<never> = { ok: false, error: { code: 'host-unreachable' } };
const linkNeeded: Reply<never> = { ok: false, error: { code: 'link-needed' } };

const PROTOCOL = 'cobrowse';

/** `url`: the host's `ws(s)://…/api`; `linkKey`: the one-time key of the link this page was opened with. */
export function connectWebBridge(url: string, linkKey: string | null): CobrowseApi {
  const calls = createCalls();
  const read = frameReader((frame) => calls.receive(frame));
  const sessionUrl = url.replace(/^ws/, 'http') + '/session';
  // Handed a new key by another tab: at once rather than at the next retry; the retry still follows, and its
  // `ready` asks for the state.
  const tabKey = keepTabKey(sessionUrl, linkKey, () => {
    if (!socket.current()) void socket.connect();
  });
  const link = hostLinkState(sessionUrl, tabKey.current);
  const socket = hostSocket(url, tabKey.traded, {
    protocols: () => {
      const key = tabKey.current();
      return key ? [PROTOCOL, `key.${key}`] : [PROTOCOL];
    },
    opened: () => link.up(),
    message: read,
    closed: (wasOpen) => {
      calls.failAll(lost);
      if (wasOpen || link.current === 'up') link.set('down');
      else link.check();
    },
    // Re-subscribing is implicit (events are per socket); `ready` tells the host to send state again.
    retried: (again) => {
      if (again.readyState === WebSocket.OPEN && calls.listening) void api.invoke('ready', {});
    },
  });

  const api: CobrowseApi = {
    host: 'web',
    async invoke(name: RequestName, input: unknown) {
      const ws = socket.current() ?? (await socket.connect());
      // Not connected: the host is down, or it answers but this page holds none of its keys.
      if (ws.readyState !== WebSocket.OPEN) return (await link.restarted()) ? linkNeeded : lost;
      return calls.request(ws, name, input);
    },
    on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void) {
      const off = calls.listen(name, listener as (payload: unknown) => void);
      void socket.connect();
      return off;
    },
    onHostLink: (listener) => link.on(listener),
  } as CobrowseApi;
  return api;
}
