// What the outbox journal holds, and how the pending writes are read back from it at open.
import { z } from 'zod';
import type { Logger } from '../../../common/logger';
import { AttachedData } from '../../../common/source-events';
import type { Journal } from './journal';

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
export type JournalRecord = z.infer<typeof JournalRecord>;
export type PendingWrite = z.infer<typeof WriteRecord>;

/** The writes the journal holds without an ack or abandon; a journal with none left is compacted. */
export async function recoverPending(journal: Journal, log: Logger): Promise<PendingWrite[]> {
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
  return queue;
}
