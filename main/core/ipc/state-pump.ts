// Pushes AppState snapshots to one sidebar, holding them until that sidebar said `ready` (CometD events can
// arrive before React mounted), and coalescing bursts into one push per tick: only the latest state matters.
import type { AppState } from '../../../common/contract';

export interface StatePump {
  /** The sidebar is ready: from now on, snapshots are sent. */
  ready(): void;
  /** A new state exists; it is sent (once, latest wins) when the sidebar is ready. */
  changed(): void;
  close(): void;
}

export function createStatePump(read: () => AppState, send: (state: AppState) => void): StatePump {
  let isReady = false;
  let scheduled = false;
  let closed = false;
  const flush = () => {
    scheduled = false;
    if (isReady && !closed) send(read());
  };
  return {
    ready() {
      isReady = true;
    },
    changed() {
      if (scheduled || closed) return;
      scheduled = true;
      setImmediate(flush);
    },
    close() {
      closed = true;
    },
  };
}
