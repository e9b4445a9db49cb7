// Pushed writes waiting for their ack, by writeId: each settles once, on its ack, its timeout, its app's
// disconnection, a retry of the same write, or the source stopping.
import type { WebSocket } from 'ws';

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  ws: WebSocket;
}

export interface AckWaiters {
  /** Sends `text` to `ws` and resolves on its ack; rejects on timeout, a send error, or `settle` with an error. */
  push(ws: WebSocket, writeId: string, text: string): Promise<void>;
  /** True when the write is still waiting (an ack for it is not stray). */
  has(writeId: string): boolean;
  /** Resolves the write's waiter, or rejects it with `err`; no-op when none waits. */
  settle(writeId: string, err?: Error): void;
  /** Rejects every write waiting on `ws`. */
  failOn(ws: WebSocket, err: Error): void;
  /** Rejects every waiting write. */
  failAll(errFor: (writeId: string) => Error): void;
}

export function createAckWaiters(timeoutMs: number): AckWaiters {
  const waiting = new Map<string, Waiter>();
  const settle = (writeId: string, err?: Error) => {
    const w = waiting.get(writeId);
    if (!w) return;
    waiting.delete(writeId);
    clearTimeout(w.timer);
    if (err) w.reject(err);
    else w.resolve();
  };
  return {
    push(ws, writeId, text) {
      return new Promise<void>((resolve, reject) => {
        settle(writeId, new Error('superseded by a retry'));
        const timer = setTimeout(
          () => settle(writeId, new Error(`no ack for write ${writeId} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiting.set(writeId, { resolve, reject, timer, ws });
        ws.send(text, (err) => err && settle(writeId, err));
      });
    },
    has: (writeId) => waiting.has(writeId),
    settle,
    failOn(ws, err) {
      for (const [writeId, w] of waiting) if (w.ws === ws) settle(writeId, err);
    },
    failAll(errFor) {
      for (const writeId of [...waiting.keys()]) settle(writeId, errFor(writeId));
    },
  };
}
