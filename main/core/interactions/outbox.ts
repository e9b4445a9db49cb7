// Durable outbox for attached-data writes. A write is journaled and fsync'd before any delivery is tried;
// each interaction's writes go out in order, one at a time, each with its stable `writeId` so the receiver
// can drop a duplicate (after a crash between delivery and the journaled ack, the write goes out again).
// An interaction whose write fails waits for the retry without holding up the others. Failures retry with
// exponential backoff, full jitter and a cap; a write the source refuses for good (`WriteRefused`) is
// journaled as abandoned and reported, not retried. When nothing is pending the journal is compacted.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../common/logger';
import { AttachedData } from '../../../common/source-events';
import { WriteRefused } from '../sources/port';
import { openJournal } from './journal';
import { createPendingQueue, type PendingQueue } from './outbox-queue';
import { recoverPending, type PendingWrite } from './outbox-records';
import { createRetryTimer, defaultBackoff, type BackoffOptions, type RetryTimer } from './outbox-retry';

export type { PendingWrite } from './outbox-records';
export { backoffDelay, type BackoffOptions } from './outbox-retry';

export type Deliver = (interactionId: string, data: AttachedData, writeId: string) => Promise<void>;

export interface OutboxOptions {
  file: string;
  deliver: Deliver;
  log: Logger;
  backoff?: BackoffOptions;
  /** Called after a write is acknowledged by the source (for the confirmed attached data). */
  onDelivered?: (write: PendingWrite) => void;
  /** Called when the source refused a write for good: it is dropped, with the source's reason. */
  onAbandoned?: (write: PendingWrite, reason: string) => void;
  /** Called whenever the pending list changes. */
  onChange?: () => void;
  random?: () => number;
}

export interface Outbox {
  /** Journals (fsync'd) then schedules delivery; resolves with the writeId once durable. */
  enqueue(interactionId: string, data: AttachedData): Promise<string>;
  pending(): readonly PendingWrite[];
  /** Retry now (e.g. the source just came back) instead of waiting out the backoff. */
  nudge(): void;
  /** Resolves when nothing is pending (tests, orderly shutdown). */
  drained(): Promise<void>;
  close(): Promise<void>;
}

interface Delivery {
  opts: OutboxOptions;
  pending: PendingQueue;
  retry: RetryTimer;
  isClosed: () => boolean;
}

/** One try of one write: true when it settled (acked, or refused for good and abandoned). */
async function deliverOne({ opts, pending, retry }: Delivery, head: PendingWrite): Promise<boolean> {
  try {
    await opts.deliver(head.interactionId, head.data, head.writeId);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (err instanceof WriteRefused) {
      opts.log.error('outbox: write refused for good, abandoned', { writeId: head.writeId, reason });
      await pending.settle(head, { kind: 'abandon', writeId: head.writeId, reason });
      opts.onAbandoned?.(head, reason);
      pending.changed();
      return true;
    }
    opts.log.info('outbox: delivery failed, will retry', {
      writeId: head.writeId,
      attempt: retry.attempt + 1,
      reason,
    });
    return false;
  }
  await pending.settle(head, { kind: 'ack', writeId: head.writeId });
  opts.onDelivered?.(head);
  pending.changed();
  return true;
}

/**
 * One pass over the queue; an interaction with a failed write is skipped for the rest of the pass so its
 * later writes stay behind it. Returns the interactions left waiting, or undefined when closed mid-pass.
 */
async function deliverPass(delivery: Delivery): Promise<Set<string> | undefined> {
  const waiting = new Set<string>();
  for (const head of [...delivery.pending.writes]) {
    if (delivery.isClosed()) return undefined;
    if (waiting.has(head.interactionId)) continue;
    if (!(await deliverOne(delivery, head))) waiting.add(head.interactionId);
  }
  return waiting;
}

/** Passes until the queue is empty or a write failed (then the retry timer takes over). */
async function deliverAll(delivery: Delivery): Promise<void> {
  for (;;) {
    const waiting = await deliverPass(delivery);
    if (!waiting) return;
    if (waiting.size > 0) {
      delivery.retry.failed();
      return;
    }
    delivery.retry.succeeded();
    // Without a failure every write of the pass settled: what is left was enqueued during it.
    if (delivery.pending.writes.length === 0) return;
  }
}

export async function openOutbox(opts: OutboxOptions): Promise<Outbox> {
  const journal = await openJournal(opts.file, opts.log);
  const pending = createPendingQueue(journal, await recoverPending(journal, opts.log), opts.onChange);
  const retry = createRetryTimer(opts.backoff ?? defaultBackoff, opts.random ?? Math.random, () => kick());
  let closed = false;
  let running = false;
  let inflight: Promise<void> = Promise.resolve();
  const delivery: Delivery = { opts, pending, retry, isClosed: () => closed };

  async function pump(): Promise<void> {
    if (running || closed) return;
    running = true;
    try {
      await deliverAll(delivery);
    } finally {
      running = false;
    }
  }
  function kick(): void {
    if (!running && !closed) inflight = pump();
  }

  if (pending.writes.length > 0) queueMicrotask(kick);

  return {
    async enqueue(interactionId, data) {
      if (closed) throw new Error('outbox closed');
      const write: PendingWrite = {
        kind: 'write',
        writeId: randomUUID(),
        interactionId,
        data: AttachedData.parse(data),
        at: Date.now(),
      };
      await pending.add(write);
      pending.changed();
      // Even while a failed interaction waits out its backoff: this write may be for another one.
      kick();
      return write.writeId;
    },
    pending: () => pending.writes,
    nudge: () => retry.nudge(),
    drained: () => pending.drained(),
    async close() {
      closed = true;
      retry.close();
      await inflight;
      await journal.close();
    },
  };
}
