// Durable outbox for attached-data writes. A write is journaled and fsync'd before any delivery is tried;
// deliveries go out in order, one at a time, each with its stable `writeId` so the receiver can drop a
// duplicate (after a crash between delivery and the journaled ack, the write goes out again). Failures retry
// with exponential backoff, full jitter and a cap. When everything is acknowledged the journal is compacted.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../log/logger';
import { AttachedData } from '../sources/port';
import { openJournal, type Journal } from './journal';

const WriteRecord = z.object({
  kind: z.literal('write'),
  writeId: z.string().min(1),
  interactionId: z.string().min(1),
  data: AttachedData,
  at: z.number(),
});
const AckRecord = z.object({ kind: z.literal('ack'), writeId: z.string().min(1) });
const JournalRecord = z.discriminatedUnion('kind', [WriteRecord, AckRecord]);
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
    else acked.add(rec.data.writeId);
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

  async function pump(): Promise<void> {
    if (running || closed) return;
    running = true;
    try {
      while (!closed && queue.length > 0) {
        const head = queue[0]!;
        try {
          await opts.deliver(head.interactionId, head.data, head.writeId);
        } catch (err) {
          const delay = backoffDelay(attempt, backoff, random);
          attempt += 1;
          log.info('outbox: delivery failed, will retry', {
            writeId: head.writeId,
            attempt,
            delayMs: delay,
            reason: err instanceof Error ? err.message : String(err),
          });
          schedule(delay);
          return;
        }
        attempt = 0;
        await journal.append([{ kind: 'ack', writeId: head.writeId }]);
        queue.shift();
        if (queue.length === 0) await journal.rewrite([]);
        opts.onDelivered?.(head);
        changed();
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
      if (!timer) kick();
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
