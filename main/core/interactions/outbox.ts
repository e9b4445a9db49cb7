// Durable outbox for attached-data writes. A write is journaled and fsync'd before any delivery is tried;
// each interaction's writes go out in order, one at a time, each with its stable `writeId` so the receiver
// can drop a duplicate (after a crash between delivery and the journaled ack, the write goes out again).
// An interaction whose write fails waits for the retry without holding up the others. Failures retry with
// exponential backoff, full jitter and a cap; a write the source refuses for good (`WriteRefused`) is
// journaled as abandoned and reported, not retried. When nothing is pending the journal is compacted.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../../../common/logger';
import { AttachedData } from '../../../common/source-events';
import { WriteRefused } from '../sources/port';
import { openJournal, type Journal } from './journal';

const WriteRecord = z.object({
  kind: z.literal('write'),
  writeId: z.string().min(1),
  interactionId: z.string().min(1),
  data: AttachedData,
  at: z.number(),
});
const AckRecord = z.object({ kind: z.literal('ack'), writeId: z.string().min(1) });
const AbandonRecord = z.object({
  kind: z.literal('abandon'),
  writeId: z.string().min(1),
  reason: z.string(),
});
const JournalRecord = z.discriminatedUnion('kind', [WriteRecord, AckRecord, AbandonRecord]);
export type PendingWrite = z.infer<typeof WriteRecord>;

export type Deliver = (interactionId: string, data: AttachedData, writeId: string) => Promise<void>;

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

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

export const defaultBackoff: BackoffOptions = { baseMs: 250, capMs: 30_000 };

/** Full jitter: a uniform delay in [0, min(cap, base·2^attempt)], never below a few ms. */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(5, Math.round(ceiling * random()));
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

export async function openOutbox(opts: OutboxOptions): Promise<Outbox> {
  const log = opts.log;
  const backoff = opts.backoff ?? defaultBackoff;
  const random = opts.random ?? Math.random;
  const journal: Journal = await openJournal(opts.file, log);

  const queue: PendingWrite[] = [];
  const acked = new Set<string>();
  for (const raw of journal.recovered) {
    const rec = JournalRecord.safeParse(raw);
    if (!rec.success) {
      log.warn('outbox: unknown journal record skipped');
      continue;
    }
    if (rec.data.kind === 'write') queue.push(rec.data);
    else acked.add(rec.data.writeId); // delivered or abandoned: settled either way
  }
  for (let i = queue.length - 1; i >= 0; i--) if (acked.has(queue[i]!.writeId)) queue.splice(i, 1);
  if (queue.length === 0 && journal.recovered.length > 0) await journal.rewrite([]);
  if (queue.length > 0) log.info('outbox: recovered pending writes', { count: queue.length });

  let closed = false;
  let running = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let waiters: Array<() => void> = [];

  const changed = () => {
    opts.onChange?.();
    if (queue.length === 0) {
      const w = waiters;
      waiters = [];
      w.forEach((resolve) => resolve());
    }
  };

  const schedule = (delay: number) => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      kick();
    }, delay);
  };
  let inflight: Promise<void> = Promise.resolve();
  const kick = () => {
    if (!running && !closed) inflight = pump();
  };

  /** Journals how a write settled, then drops it from the queue. */
  async function settle(write: PendingWrite, record: z.infer<typeof JournalRecord>): Promise<void> {
    await journal.append([record]);
    queue.splice(queue.indexOf(write), 1);
    if (queue.length === 0) await journal.rewrite([]);
  }

  async function pump(): Promise<void> {
    if (running || closed) return;
    running = true;
    try {
      // Passes over the queue until it is empty or a write failed; an interaction with a failed write is
      // skipped for the rest of its pass so its later writes stay behind it.
      for (;;) {
        const waiting = new Set<string>();
        for (const head of [...queue]) {
          if (closed) return;
          if (waiting.has(head.interactionId)) continue;
          try {
            await opts.deliver(head.interactionId, head.data, head.writeId);
          } catch (err) {
            const reason = err instanceof Error ? err.message : String(err);
            if (err instanceof WriteRefused) {
              log.error('outbox: write refused for good, abandoned', { writeId: head.writeId, reason });
              await settle(head, { kind: 'abandon', writeId: head.writeId, reason });
              opts.onAbandoned?.(head, reason);
              changed();
              continue;
            }
            waiting.add(head.interactionId);
            log.info('outbox: delivery failed, will retry', {
              writeId: head.writeId,
              attempt: attempt + 1,
              reason,
            });
            continue;
          }
          await settle(head, { kind: 'ack', writeId: head.writeId });
          opts.onDelivered?.(head);
          changed();
        }
        if (waiting.size > 0) {
          const delay = backoffDelay(attempt, backoff, random);
          attempt += 1;
          schedule(delay);
          return;
        }
        attempt = 0;
        // Without a failure every write of the pass settled: what is left was enqueued during it.
        if (queue.length === 0) return;
      }
    } finally {
      running = false;
    }
  }

  if (queue.length > 0) queueMicrotask(kick);

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
      await journal.append([write]);
      queue.push(write);
      changed();
      // Even while a failed interaction waits out its backoff: this write may be for another one.
      kick();
      return write.writeId;
    },
    pending: () => queue,
    nudge() {
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      attempt = 0;
      kick();
    },
    drained: () => (queue.length === 0 ? Promise.resolve() : new Promise((r) => waiters.push(r))),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await inflight;
      await journal.close();
    },
  };
}
