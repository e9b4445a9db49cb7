// Today's history: every co-browse session the agent took part in, kept on disk in the user's data folder so
// it survives a restart (the engine keeps only the latest settled sessions, in memory). One checksummed,
// fsync'd journal (interactions/journal.ts); an entry is appended again when it changes (attached data
// delivered later) and the last copy wins. Bounded: at open, and whenever the journal holds twice the entries
// it keeps, it is rewritten atomically without entries older than `keepDays` or beyond `maxEntries`.
import type { CobrowseSessionView, HistoryEntry, InteractionView } from '../../../common/contract';
import { HistoryEntry as HistoryEntrySchema } from '../../../common/contract';
import type { Logger } from '../../../common/logger';
import { maskPhoneNumber, maskToken } from '../../../common/mask';
import { openJournal, type Journal } from '../interactions/journal';

export interface HistoryOptions {
  file: string;
  log: Logger;
  /** Our choice: a week of days, a shift's sessions many times over. */
  keepDays?: number;
  maxEntries?: number;
  now?: () => number;
}

export interface History {
  /** Records the entry (or its new version); resolves once it is on disk. */
  record(entry: HistoryEntry): Promise<void>;
  /** The entries of the local calendar day of `now`, oldest first. */
  today(): HistoryEntry[];
  /** The stored version of an entry, to tell whether it changed. */
  get(id: string): HistoryEntry | undefined;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const startOfDay = (at: number) => new Date(at).setHours(0, 0, 0, 0);

export async function openHistory(opts: HistoryOptions): Promise<History> {
  const now = opts.now ?? Date.now;
  const keepDays = opts.keepDays ?? 7;
  const maxEntries = opts.maxEntries ?? 1000;
  const entries = new Map<string, HistoryEntry>();
  const journal: Journal = await openJournal(opts.file, opts.log);
  let lines = 0;
  for (const raw of journal.recovered) {
    const parsed = HistoryEntrySchema.safeParse(raw);
    if (!parsed.success) {
      opts.log.warn('history: entry of an unknown shape skipped');
      continue;
    }
    // Re-inserted so the map's order is the order of the latest version.
    entries.delete(parsed.data.id);
    entries.set(parsed.data.id, parsed.data);
    lines += 1;
  }

  const oldest = () => startOfDay(now()) - (keepDays - 1) * DAY_MS;
  const compact = async () => {
    const from = oldest();
    const kept = [...entries.values()].filter((e) => e.endedAt >= from).slice(-maxEntries);
    entries.clear();
    for (const e of kept) entries.set(e.id, e);
    await journal.rewrite(kept);
    lines = kept.length;
  };
  const from = oldest();
  if (
    lines > entries.size ||
    entries.size > maxEntries ||
    [...entries.values()].some((e) => e.endedAt < from)
  )
    await compact();

  return {
    async record(entry) {
      entries.delete(entry.id);
      entries.set(entry.id, entry);
      await journal.append([entry]);
      lines += 1;
      if (lines >= 2 * Math.max(entries.size, 1) + 16 || entries.size > maxEntries) await compact();
    },
    today() {
      const from = startOfDay(now());
      return [...entries.values()].filter((e) => e.endedAt >= from).sort((a, b) => a.startedAt - b.startedAt);
    },
    get: (id) => entries.get(id),
    close: () => journal.close(),
  };
}

/** Who the session was with; a call's number masked, also where it stood in for the name. */
function nameAndCaller(
  interaction: InteractionView | undefined,
): Pick<HistoryEntry, 'customerName' | 'caller'> {
  const caller = interaction?.caller;
  if (!interaction || !caller) return { customerName: interaction?.customerName ?? null };
  const masked = maskPhoneNumber(caller);
  return {
    customerName: interaction.customerName === caller ? masked : interaction.customerName,
    caller: masked,
  };
}

/** A settled session the agent took part in, as its history entry; null for one that never joined. */
export function historyEntryOf(
  session: CobrowseSessionView,
  interaction: InteractionView | undefined,
): HistoryEntry | null {
  if (session.phase !== 'ended' && session.phase !== 'failed') return null;
  if (session.joinedAt === null) return null;
  const endedAt = session.endedAt ?? session.joinedAt;
  return {
    id: session.id,
    // Masked even on the agent's own disk: the history outlives the session, the ID has no use after it.
    sessionId: maskToken(session.token),
    ...nameAndCaller(interaction),
    interactionId: session.interactionId,
    media: interaction?.media ?? null,
    startedAt: session.activatedAt ?? session.joinedAt,
    activeSeconds:
      session.activatedAt === null ? 0 : Math.max(0, Math.round((endedAt - session.activatedAt) / 1000)),
    endedAt,
    ending: session.error ? { error: session.error.code } : { end: session.endReason ?? 'unknown' },
    attachedData: !interaction ? 'none' : interaction.pendingWrites > 0 ? 'pending' : 'written',
  };
}
