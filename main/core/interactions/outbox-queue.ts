// The outbox's pending writes in memory, kept in step with the journal: a write is journaled before it is
// queued, and an ack or abandon is journaled before the write leaves the queue.
import type { Journal } from './journal';
import type { JournalRecord, PendingWrite } from './outbox-records';

export interface PendingQueue {
  /** The live list, oldest first. */
  readonly writes: readonly PendingWrite[];
  /** Journals (fsync'd) then queues. */
  add(write: PendingWrite): Promise<void>;
  /** Journals how a write settled, then drops it from the queue (compacting the journal once empty). */
  settle(write: PendingWrite, record: JournalRecord): Promise<void>;
  /** Reports a change of the list; releases `drained` waiters once it is empty. */
  changed(): void;
  drained(): Promise<void>;
}

export function createPendingQueue(
  journal: Journal,
  recovered: PendingWrite[],
  onChange: (() => void) | undefined,
): PendingQueue {
  const queue = recovered;
  let waiters: Array<() => void> = [];
  return {
    writes: queue,
    async add(write) {
      await journal.append([write]);
      queue.push(write);
    },
    async settle(write, record) {
      await journal.append([record]);
      queue.splice(queue.indexOf(write), 1);
      if (queue.length === 0) await journal.rewrite([]);
    },
    changed() {
      onChange?.();
      if (queue.length === 0) {
        const w = waiters;
        waiters = [];
        w.forEach((resolve) => resolve());
      }
    },
    drained: () => (queue.length === 0 ? Promise.resolve() : new Promise((r) => waiters.push(r))),
  };
}
