// The desktop apps connected on `/v1/ws`, and which of them each interaction's attached data go to: the app
// that reported the interaction (`X-Cobrowse-App`, our choice: Genesys is silent on this API).
import type { WebSocket } from 'ws';
import type { Logger, LogFields } from '../../../../common/logger';
import { API_PREFIX, ClientMessage, issuesOf } from '../../../../common/local-api-wire';
import { setNewest } from '../../../../common/recent-map';
import { cutOff, rateLimit } from '../../net/flood-guard';
import type { AckWaiters } from './ack-waiters';

// Our choice: messages that ack no pending write are rate-limited, and a client that floods or stops reading
// its error replies is disconnected (1008).
const WS_STRAY_RATE = { perSecond: 20, burst: 50 };
const MAX_UNREAD_BYTES = 1024 * 1024;
// Which app reported each interaction, kept past the interaction's end (its last attached data follow the
// close) and past the app's disconnection (its writes wait for it): at most this many, the oldest forgotten.
const MAX_OWNERS = 1_000;

export interface AppSocketsDeps {
  log: Logger;
  refused: (fields: LogFields) => void;
  acks: AckWaiters;
  /** Called after an app connects or disconnects. */
  onChange: () => void;
}

export interface AppSockets {
  readonly count: number;
  connected(ws: WebSocket, app: string | undefined): void;
  /** Records that `app` reported the interaction (the newest report wins). */
  reportedBy(interactionId: string, app: string): void;
  /** Where a write for the interaction goes, or why it cannot go now. */
  recipient(interactionId: string): WebSocket | Error;
  terminateAll(): void;
}

export function createAppSockets(deps: AppSocketsDeps): AppSockets {
  const clients: WebSocket[] = [];
  /** The newest connection of each named app (`X-Cobrowse-App` on its upgrade). */
  const apps = new Map<string, WebSocket>();
  const named = new WeakSet<WebSocket>();
  /** Interaction → the app that last reported it with `X-Cobrowse-App` (insertion order = age). */
  const owners = new Map<string, string>();

  /**
   * To the app that reported the interaction, or nowhere while it is away (never to another app). An
   * interaction reported without a name came from an unnamed app: it goes to the only unnamed app connected
   * (one app alone, as before names; or a legacy app beside named ones), else waits.
   */
  function recipient(interactionId: string): WebSocket | Error {
    const owner = owners.get(interactionId);
    if (owner !== undefined)
      return (
        apps.get(owner) ??
        new Error(
          `the desktop app "${owner}" that reported ${interactionId} is not connected; waiting for it`,
        )
      );
    const unnamed = clients.filter((ws) => !named.has(ws));
    if (unnamed.length === 1) return unnamed[0]!;
    if (clients.length === 0) return new Error('no desktop app connected to the local API');
    return new Error(
      unnamed.length === 0
        ? `no connected desktop app is known to have reported ${interactionId}: it came without ` +
            'X-Cobrowse-App and every connected app has a name; the app should send it with its events too'
        : `${unnamed.length} desktop apps without X-Cobrowse-App are connected and none is known to have ` +
            `reported ${interactionId}: each app should name itself on its WebSocket and its events`,
    );
  }

  function connected(ws: WebSocket, app: string | undefined): void {
    clients.push(ws);
    // A reconnection takes over from the app's older connection, which may not have closed yet.
    if (app !== undefined) {
      apps.set(app, ws);
      named.add(ws);
    }
    deps.log.info('desktop app connected', { clients: clients.length, app: app ?? null });
    deps.onChange();
    ws.on('message', acksFrom(ws, deps));
    ws.on('close', () => {
      clients.splice(clients.indexOf(ws), 1);
      if (app !== undefined && apps.get(app) === ws) apps.delete(app);
      deps.acks.failOn(ws, new Error('the desktop app disconnected before acking'));
      deps.log.info('desktop app disconnected', { clients: clients.length, app: app ?? null });
      deps.onChange();
    });
    ws.on('error', (err) => deps.log.warn('websocket error', { error: err }));
  }

  return {
    get count() {
      return clients.length;
    },
    connected,
    reportedBy: (interactionId, app) => setNewest(owners, interactionId, app, MAX_OWNERS),
    recipient,
    terminateAll() {
      for (const ws of [...clients]) ws.terminate();
    },
  };
}

/** The `message` listener of one app's socket: acks settle their writes; anything else is a stray. */
function acksFrom(ws: WebSocket, deps: Pick<AppSocketsDeps, 'acks' | 'refused'>): (raw: unknown) => void {
  const strays = rateLimit(WS_STRAY_RATE.perSecond, WS_STRAY_RATE.burst);
  /** A message that acks no pending write: fine within its rate (answered with `reply`), else the client is cut off. */
  const stray = (reply?: object) => {
    if (!strays.take() || ws.bufferedAmount > MAX_UNREAD_BYTES) {
      deps.refused({ status: 1008, error: 'too-many-requests', path: `${API_PREFIX}/ws` });
      return cutOff(ws, 'too many messages that ack no write');
    }
    if (reply) ws.send(JSON.stringify(reply));
  };
  return (raw) => {
    if (ws.readyState !== ws.OPEN) return;
    let json: unknown;
    try {
      json = JSON.parse(String(raw));
    } catch (err) {
      return stray({ type: 'error', error: 'invalid-json', message: (err as Error).message });
    }
    const msg = ClientMessage.safeParse(json);
    if (!msg.success)
      return stray({
        type: 'error',
        error: 'invalid-message',
        message: 'expected {"type":"ack","writeId":"…"}',
        issues: issuesOf(msg.error),
      });
    // A late ack for a write that already timed out finds no waiter: its retry will be acked again.
    if (deps.acks.has(msg.data.writeId)) deps.acks.settle(msg.data.writeId);
    else stray();
  };
}
