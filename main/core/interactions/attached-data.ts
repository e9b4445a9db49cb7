// The attached data of Genesys's "Attached Data Overview" (ADOverview; the table in docs/protocol.md),
// built at the moments it names, per interaction. These keys feed Genesys reporting: names, types and update
// rules are Genesys's, not ours. Where the public text is silent, the choice is marked.
import type { AttachedData } from '../../../common/source-events';

/** What an interaction's co-browse sessions add up to, for the keys that summarise them all. */
export interface CobrowseRecord {
  /** Sessions joined on this interaction (`CoBrowseSessionsQuantity`). */
  quantity: number;
  /** Activation of the interaction's first session that went active (`CoBrowseStartTime`), epoch ms. */
  firstStartTime: number | null;
  /** Active time of its ended sessions, summed (`CoBrowseDuration`). */
  durationMs: number;
  /** A co-browse request on it was declined (`IsCoBrowseDenied=Yes`). */
  denied: boolean;
}

export const newRecord = (): CobrowseRecord => ({
  quantity: 0,
  firstStartTime: null,
  durationMs: 0,
  denied: false,
});

/**
 * On the join reply (the integration guide's "attach after the JOIN notification"): associated again, one
 * more session, and this session's history id. `CoBrowseSessionId` is the latest joined session's even when
 * it never goes active, because the guide writes it on the join reply; `CoBrowseStartTime` stays the first
 * session's, because ADOverview defines it so. `IsCoBrowseDenied=No` goes with the first join unless a
 * request was declined before (our reading: see `onDeclined`).
 */
export function onJoined(record: CobrowseRecord, sessionHistoryId: string): AttachedData {
  record.quantity += 1;
  return {
    CoBrowseAssociated: 'Yes',
    CoBrowseSessionsQuantity: record.quantity,
    CoBrowseSessionId: sessionHistoryId,
    ...(record.quantity === 1 && !record.denied ? { IsCoBrowseDenied: 'No' as const } : {}),
  };
}

/** On activation: the first session's start, epoch milliseconds as a string; later sessions write nothing. */
export function onStarted(record: CobrowseRecord, activationTime: number): AttachedData | null {
  if (record.firstStartTime !== null) return null;
  record.firstStartTime = activationTime;
  return { CoBrowseStartTime: String(activationTime) };
}

/**
 * When the agent's part in a session ends (exit, stop, or the session ended under them): no longer
 * associated, and the duration summed over the interaction's sessions. Seconds, whole: our choice (ADOverview
 * says "Number" and no unit); a session that never went active adds nothing.
 */
export function onEnded(record: CobrowseRecord, activatedAt: number | null, endedAt: number): AttachedData {
  if (activatedAt !== null) record.durationMs += Math.max(0, endedAt - activatedAt);
  return { CoBrowseAssociated: 'No', CoBrowseDuration: Math.round(record.durationMs / 1000) };
}

/**
 * The agent declined a co-browse request on this interaction. ADOverview's rule is cut in the public text
 * after "Available values are Yes or No. If the …"; our reading: `Yes` once a co-browse the customer asked
 * for was declined on the interaction, `No` (written with the first join) otherwise. Never reverted.
 */
export function onDeclined(record: CobrowseRecord): AttachedData {
  record.denied = true;
  return { IsCoBrowseDenied: 'Yes' };
}
