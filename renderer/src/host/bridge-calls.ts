// The web bridge's traffic over one socket: requests matched to their replies by id, events to their
// listeners, and the host's frames read with the contract's schema.
import type { EventName, Reply, RequestName, WireFromHost } from '../../../common/contract';

export interface Calls {
  /** Sends a request on an open socket; settles with its reply, or with `failAll`'s. */
  request(ws: WebSocket, name: RequestName, input: unknown): Promise<Reply<unknown>>;
  listen(name: EventName, listener: (payload: unknown) => void): () => void;
  /** Some listener was ever added (events are per socket: a new one must ask for the state). */
  readonly listening: boolean;
  receive(frame: WireFromHost): void;
  /** The socket is gone: every request waiting for a reply gets this one. */
  failAll(reply: Reply<never>): void;
}

export function createCalls(): Calls {
  let nextId = 1;
  const pending = new Map<number, (reply: Reply<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    request(ws, name, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, name, input }));
      });
    },
    listen(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    get listening() {
      return listeners.size > 0;
    },
    receive(frame) {
      if ('id' in frame) {
        pending.get(frame.id)?.(frame.reply as Reply<unknown>);
        pending.delete(frame.id);
      } else listeners.get(frame.event as EventName)?.forEach((fn) => fn(frame.payload));
    },
    failAll(reply) {
      for (const settle of pending.values()) settle(reply);
      pending.clear();
    },
  };
}

/**
 * Reads the host's frames. The frames' schema brings the contract's schemas and zod: fetched from the moment
 * this is called (alongside the socket's opening) rather than before the first paint. Frames wait for it in
 * arrival order (one promise, callbacks in order).
 */
export function frameReader(deliver: (frame: WireFromHost) => void): (data: unknown) => void {
  const frameSchema = import('../../../common/contract').then((c) => c.WireFromHost);
  return (data) =>
    void frameSchema.then(
      (schema) => {
        let frame: WireFromHost;
        try {
          frame = schema.parse(JSON.parse(String(data)));
        } catch {
          return; // not ours: the host validates its own frames, so this never happens in practice
        }
        deliver(frame);
      },
      // Its chunk did not load (the host restarted under the page): the host link says what to do.
      (err: unknown) => console.error("the sidebar could not read the host's messages", err),
    );
}
