// One page's `/api` socket: its requests, validated exactly like Electron IPC, dispatched to the core within
// bounds, and the state pushed to it once it said `ready`.
import type { WebSocket } from 'ws';
import { WireFromPage, type AppError, type AppState, type WireFromHost } from '../../common/contract';
import type { LogFields, Logger } from '../../common/logger';
import type { AppCore } from '../core/app-core';
import { createStatePump, type StatePump } from '../core/ipc/state-pump';
import { cutOff, rateLimit } from '../core/net/flood-guard';

// Per-connection bounds of /api (our choice: the sidebar sends a handful of requests a second at most). Past
// the rate or the queue a request gets a `too-many-requests` Reply; a page that keeps flooding, or does not
// read its replies, is disconnected (1008), so a flood costs neither memory nor the process.
const API_RATE = { perSecond: 50, burst: 100 };
const MAX_IN_FLIGHT = 8;
const MAX_QUEUED = 32;
const MAX_REFUSED_IN_A_ROW = 200;
const MAX_UNREAD_BYTES = 4 * 1024 * 1024;
const TOO_MANY: AppError = { code: 'too-many-requests', params: { perSecond: API_RATE.perSecond } };

export interface ApiConnectionDeps {
  core: AppCore;
  /** The state as pages see it. */
  stateForPage: () => AppState;
  log: Logger;
  /** Logs a refused request (at a rate, shared by every connection). */
  refused: (fields?: LogFields) => void;
}

export function serveApiConnection(ws: WebSocket, deps: ApiConnectionDeps): void {
  const { core, stateForPage, log, refused } = deps;
  const disconnect = (reason: string) => {
    refused({ reason: `${reason}; disconnected` });
    cutOff(ws, reason);
  };
  const send = (frame: WireFromHost) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_UNREAD_BYTES) return disconnect('replies not read');
    ws.send(JSON.stringify(frame));
  };
  const pump = createStatePump(stateForPage, (state) => send({ event: 'state', payload: state }));
  const unsubscribe = core.subscribe(() => pump.changed());
  const limit = rateLimit(API_RATE.perSecond, API_RATE.burst);
  const queue = requestQueue((frame) => answer(frame, deps, pump, send));
  let refusedInARow = 0;
  ws.on('message', (data) => {
    if (ws.readyState !== ws.OPEN) return; // closing: what it still sends is dropped unread
    let frame: WireFromPage;
    try {
      frame = WireFromPage.parse(JSON.parse(String(data)));
    } catch {
      refused({ reason: 'malformed frame dropped' });
      return;
    }
    if (!limit.take() || queue.length() >= MAX_QUEUED) {
      if (++refusedInARow > MAX_REFUSED_IN_A_ROW) return disconnect('too many requests');
      refused({ reason: 'too many requests', name: frame.name.slice(0, 40) });
      send({ id: frame.id, reply: { ok: false, error: TOO_MANY } });
      return;
    }
    refusedInARow = 0;
    queue.push(frame);
  });
  ws.on('close', () => {
    queue.clear();
    unsubscribe();
    pump.close();
  });
  ws.on('error', (err) => log.warn('web edition: socket error', { error: err.message }));
}

/** Runs one request; `ready` also starts the state pump and answers with the state. */
async function answer(
  frame: WireFromPage,
  { core, stateForPage }: ApiConnectionDeps,
  pump: StatePump,
  send: (frame: WireFromHost) => void,
): Promise<void> {
  let reply = await core.dispatch(frame.name, frame.input);
  if (frame.name === 'ready' && reply.ok) {
    pump.ready();
    reply = { ok: true, value: stateForPage() };
  }
  send({ id: frame.id, reply });
}

/** Requests in arrival order, at most MAX_IN_FLIGHT running at once. */
function requestQueue(run: (frame: WireFromPage) => Promise<void>) {
  const queue: WireFromPage[] = [];
  let inFlight = 0;
  const next = () => {
    while (inFlight < MAX_IN_FLIGHT && queue.length > 0) {
      inFlight++;
      void run(queue.shift()!).finally(() => {
        inFlight--;
        next();
      });
    }
  };
  return {
    length: () => queue.length,
    push(frame: WireFromPage) {
      queue.push(frame);
      next();
    },
    clear() {
      queue.length = 0;
    },
  };
}
